"""Callback handlers: the objects that receive run events.

A handler subclasses :class:`BaseCallbackHandler` (methods are plain
functions) or :class:`AsyncCallbackHandler` (methods are coroutines) and
overrides the events it cares about; every event has a do-nothing default.

Events come in families, and a handler opts out of a whole family through a
read-only ``ignore_*`` property:

=========================  ==========================================================
``ignore_llm``             ``on_llm_start``, ``on_llm_new_token``, ``on_llm_end``,
                           ``on_llm_error``
``ignore_chat_model``      ``on_chat_model_start``
``ignore_chain``           ``on_chain_start``, ``on_chain_end``, ``on_chain_error``
``ignore_agent``           ``on_tool_start``, ``on_tool_end``, ``on_tool_error``,
                           ``on_agent_action``, ``on_agent_finish``
``ignore_retriever``       ``on_retriever_start``, ``on_retriever_end``,
                           ``on_retriever_error``
``ignore_retry``           ``on_retry``
``ignore_custom_event``    ``on_custom_event``
=========================  ==========================================================

``on_text`` belongs to no family and is never skipped.

Two class attributes steer dispatch: ``raise_error`` (an exception raised by
this handler propagates out of the manager call instead of being logged) and
``run_inline`` (under an async manager, run this handler on the event loop,
in order, before the concurrent ones).

``on_chat_model_start`` is the one event whose default is not "do nothing":
it raises :class:`NotImplementedError`, which tells the manager to fall back
to ``on_llm_start`` with each message list rendered as one prompt string.  A
handler written before chat models existed thus still sees every model run.
"""

from __future__ import annotations

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any
    from uuid import UUID

    from reference.agents import AgentAction, AgentFinish
    from reference.documents import Document
    from reference.messages import BaseMessage
    from reference.outputs import LLMResult


class LLMManagerMixin:
    """Events of a running model: streamed tokens, then its end or its error."""

    def on_llm_new_token(
        self,
        token: str,
        *,
        chunk: Any = None,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A streaming model produced ``token`` (``chunk`` carries the full piece)."""

    def on_llm_end(
        self,
        response: LLMResult,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """The model run finished with ``response``."""

    def on_llm_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """The model run failed with ``error``."""


class ChainManagerMixin:
    """Events of a running chain, including the steps of an agent it drives."""

    def on_chain_end(
        self,
        outputs: dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The chain run finished with ``outputs``."""

    def on_chain_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The chain run failed with ``error``."""

    def on_agent_action(
        self,
        action: AgentAction,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The agent driven by this chain run chose ``action``."""

    def on_agent_finish(
        self,
        finish: AgentFinish,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The agent driven by this chain run finished."""


class ToolManagerMixin:
    """Events of a running tool."""

    def on_tool_end(
        self,
        output: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The tool run returned ``output``."""

    def on_tool_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The tool run failed with ``error``."""


class RetrieverManagerMixin:
    """Events of a running retriever."""

    def on_retriever_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The retriever run failed with ``error``."""

    def on_retriever_end(
        self,
        documents: Sequence[Document],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The retriever run returned ``documents``."""


class CallbackManagerMixin:
    """The start events: each opens a run identified by ``run_id``."""

    def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A text model run started; managers deliver one prompt per run."""

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A chat model run started; managers deliver one message list per run.

        Not implementing this event is a request: the manager then calls
        :meth:`on_llm_start` with the messages rendered as one prompt.
        """
        raise NotImplementedError(f"{type(self).__name__} does not implement on_chat_model_start")

    def on_retriever_start(
        self,
        serialized: dict[str, Any],
        query: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A retriever run started for ``query``."""

    def on_chain_start(
        self,
        serialized: dict[str, Any],
        inputs: dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A chain run started with ``inputs``."""

    def on_tool_start(
        self,
        serialized: dict[str, Any],
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        inputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A tool run started; ``input_str`` is its input as text, ``inputs`` as given."""


class RunManagerMixin:
    """Events that can happen inside any run."""

    def on_text(
        self, text: str, *, run_id: UUID, parent_run_id: UUID | None = None, **kwargs: Any
    ) -> Any:
        """The run produced some free text (never skipped by an ignore flag)."""

    def on_retry(
        self,
        retry_state: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The run is about to retry; ``retry_state`` describes the attempt."""

    def on_custom_event(
        self,
        name: str,
        data: Any,
        *,
        run_id: UUID,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A user-defined event ``name`` carrying ``data``."""


class BaseCallbackHandler(
    LLMManagerMixin,
    ChainManagerMixin,
    ToolManagerMixin,
    RetrieverManagerMixin,
    CallbackManagerMixin,
    RunManagerMixin,
):
    """A handler whose event methods are plain functions.

    Subclasses override events and, to opt out of a family, the matching
    ``ignore_*`` property.  ``raise_error`` and ``run_inline`` may be set on
    the class or on an instance.
    """

    raise_error: bool = False
    run_inline: bool = False

    @property
    def ignore_llm(self) -> bool:
        """Skip the text-model events (start, tokens, end, error)."""
        return False

    @property
    def ignore_retry(self) -> bool:
        """Skip ``on_retry``."""
        return False

    @property
    def ignore_chain(self) -> bool:
        """Skip chain start, end and error."""
        return False

    @property
    def ignore_agent(self) -> bool:
        """Skip tool events and agent actions and finishes."""
        return False

    @property
    def ignore_retriever(self) -> bool:
        """Skip retriever events."""
        return False

    @property
    def ignore_chat_model(self) -> bool:
        """Skip ``on_chat_model_start`` (and so its ``on_llm_start`` fallback)."""
        return False

    @property
    def ignore_custom_event(self) -> bool:
        """Skip ``on_custom_event``."""
        return False


class AsyncCallbackHandler(BaseCallbackHandler):
    """A handler whose event methods are coroutines.

    Under an async manager they are awaited (concurrently with other
    handlers unless ``run_inline``); under a sync manager they are run to
    completion before the manager call returns.
    """

    async def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """A text model run started; managers deliver one prompt per run."""

    async def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """A chat model run started; not implementing it asks for the ``on_llm_start`` fallback."""
        raise NotImplementedError(f"{type(self).__name__} does not implement on_chat_model_start")

    async def on_llm_new_token(
        self,
        token: str,
        *,
        chunk: Any = None,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """A streaming model produced ``token``."""

    async def on_llm_end(
        self,
        response: LLMResult,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The model run finished with ``response``."""

    async def on_llm_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The model run failed with ``error``."""

    async def on_chain_start(
        self,
        serialized: dict[str, Any],
        inputs: dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """A chain run started with ``inputs``."""

    async def on_chain_end(
        self,
        outputs: dict[str, Any],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The chain run finished with ``outputs``."""

    async def on_chain_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The chain run failed with ``error``."""

    async def on_tool_start(
        self,
        serialized: dict[str, Any],
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        inputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """A tool run started."""

    async def on_tool_end(
        self,
        output: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The tool run returned ``output``."""

    async def on_tool_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The tool run failed with ``error``."""

    async def on_text(
        self,
        text: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The run produced some free text."""

    async def on_retry(
        self,
        retry_state: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> Any:
        """The run is about to retry."""

    async def on_agent_action(
        self,
        action: AgentAction,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The agent chose ``action``."""

    async def on_agent_finish(
        self,
        finish: AgentFinish,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The agent finished."""

    async def on_retriever_start(
        self,
        serialized: dict[str, Any],
        query: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """A retriever run started for ``query``."""

    async def on_retriever_end(
        self,
        documents: Sequence[Document],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The retriever run returned ``documents``."""

    async def on_retriever_error(
        self,
        error: BaseException,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """The retriever run failed with ``error``."""

    async def on_custom_event(
        self,
        name: str,
        data: Any,
        *,
        run_id: UUID,
        tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """A user-defined event ``name`` carrying ``data``."""
