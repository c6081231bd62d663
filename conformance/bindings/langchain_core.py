"""The binding for langchain-core: the fifteen names, gathered from its packages."""

from __future__ import annotations

from langchain_core import __version__
from langchain_core.agents import AgentAction, AgentFinish
from langchain_core.callbacks import (
    AsyncCallbackHandler,
    AsyncCallbackManager,
    BaseCallbackHandler,
    BaseCallbackManager,
    CallbackManager,
    UsageMetadataCallbackHandler,
    get_usage_metadata_callback,
)
from langchain_core.documents import Document
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, Generation, LLMResult

__all__ = [
    "AIMessage",
    "AgentAction",
    "AgentFinish",
    "AsyncCallbackHandler",
    "AsyncCallbackManager",
    "BaseCallbackHandler",
    "BaseCallbackManager",
    "CallbackManager",
    "ChatGeneration",
    "Document",
    "Generation",
    "HumanMessage",
    "LLMResult",
    "UsageMetadataCallbackHandler",
    "__version__",
    "get_usage_metadata_callback",
]
