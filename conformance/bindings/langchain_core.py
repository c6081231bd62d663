"""The binding for langchain-core: the fifteen names, gathered from its packages.

Names a release does not have (``UsageMetadataCallbackHandler`` and
``get_usage_metadata_callback`` came in 0.3.49) are left out, so old
releases are tested as partial bindings: the suite runs everything else and
reports the clauses it could not run.
"""

from __future__ import annotations

import importlib

from langchain_core import __version__

_WHERE = {
    "langchain_core.agents": ("AgentAction", "AgentFinish"),
    "langchain_core.callbacks": (
        "AsyncCallbackHandler",
        "AsyncCallbackManager",
        "BaseCallbackHandler",
        "BaseCallbackManager",
        "CallbackManager",
        "UsageMetadataCallbackHandler",
        "get_usage_metadata_callback",
    ),
    "langchain_core.documents": ("Document",),
    "langchain_core.messages": ("AIMessage", "HumanMessage"),
    "langchain_core.outputs": ("ChatGeneration", "Generation", "LLMResult"),
}

__all__ = ["__version__"]
for _module, _names in _WHERE.items():
    _found = importlib.import_module(_module)
    for _name in _names:
        if hasattr(_found, _name):
            globals()[_name] = getattr(_found, _name)
            __all__.append(_name)
