"""A minimal, readable reference implementation of the LangChain callbacks API.

Standard library only.  One concept per module:

* :mod:`reference.handlers`: handler base classes, events and ignore flags
* :mod:`reference.dispatch`: the loops that deliver one event to many handlers
* :mod:`reference.managers`: callback managers, where runs start; ``configure``
* :mod:`reference.runs`: run managers, bound to one run; ``get_child``
* :mod:`reference.ids`: fresh run ids, time-ordered (UUID version 7)
* :mod:`reference.hooks`: handlers that every configured manager picks up
* :mod:`reference.usage`: token usage records and the usage-totalling handler
* :mod:`reference.messages`, :mod:`reference.outputs`, :mod:`reference.documents`,
  :mod:`reference.agents`: the plain data that events carry

The conformance suite's binding is this package itself: the fifteen binding
names are importable from here.
"""

from __future__ import annotations

from reference.agents import AgentAction, AgentFinish
from reference.documents import Document
from reference.handlers import (
    AsyncCallbackHandler,
    BaseCallbackHandler,
    CallbackManagerMixin,
    ChainManagerMixin,
    LLMManagerMixin,
    RetrieverManagerMixin,
    RunManagerMixin,
    ToolManagerMixin,
)
from reference.hooks import register_configure_hook
from reference.managers import AsyncCallbackManager, BaseCallbackManager, CallbackManager
from reference.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
    get_buffer_string,
)
from reference.outputs import ChatGeneration, Generation, LLMResult
from reference.runs import (
    AsyncCallbackManagerForChainRun,
    AsyncCallbackManagerForLLMRun,
    AsyncCallbackManagerForRetrieverRun,
    AsyncCallbackManagerForToolRun,
    AsyncParentRunManager,
    AsyncRunManager,
    BaseRunManager,
    CallbackManagerForChainRun,
    CallbackManagerForLLMRun,
    CallbackManagerForRetrieverRun,
    CallbackManagerForToolRun,
    ParentRunManager,
    RunManager,
)
from reference.stdout import StdOutCallbackHandler
from reference.usage import (
    UsageMetadata,
    UsageMetadataCallbackHandler,
    add_usage,
    get_usage_metadata_callback,
)

__version__ = "0.1.0"

__all__ = [
    "AIMessage",
    "AgentAction",
    "AgentFinish",
    "AsyncCallbackHandler",
    "AsyncCallbackManager",
    "AsyncCallbackManagerForChainRun",
    "AsyncCallbackManagerForLLMRun",
    "AsyncCallbackManagerForRetrieverRun",
    "AsyncCallbackManagerForToolRun",
    "AsyncParentRunManager",
    "AsyncRunManager",
    "BaseCallbackHandler",
    "BaseCallbackManager",
    "BaseMessage",
    "BaseRunManager",
    "CallbackManager",
    "CallbackManagerForChainRun",
    "CallbackManagerForLLMRun",
    "CallbackManagerForRetrieverRun",
    "CallbackManagerForToolRun",
    "CallbackManagerMixin",
    "ChainManagerMixin",
    "ChatGeneration",
    "Document",
    "Generation",
    "HumanMessage",
    "LLMManagerMixin",
    "LLMResult",
    "ParentRunManager",
    "RetrieverManagerMixin",
    "RunManager",
    "RunManagerMixin",
    "StdOutCallbackHandler",
    "SystemMessage",
    "ToolManagerMixin",
    "ToolMessage",
    "UsageMetadata",
    "UsageMetadataCallbackHandler",
    "add_usage",
    "get_buffer_string",
    "get_usage_metadata_callback",
    "register_configure_hook",
]
