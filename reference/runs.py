"""Run managers: a callback manager bound to one run.

A manager's start method (``on_chain_start`` and friends) opens a run and
returns a run manager for it.  The run manager remembers the run's id and
the handlers, tags and metadata in force when the run started, and offers
the events that can happen inside that kind of run: its end or error, and
``on_text`` / ``on_retry`` for every kind.  Each event reaches the handlers
with ``run_id``, ``parent_run_id`` and ``tags`` filled in.  A run manager
with no handlers does nothing at all.

Runs that can contain other runs (chain, tool, retriever) offer
:meth:`ParentRunManager.get_child`: a fresh manager for the child runs, whose
parent is this run, which carries only what is *inheritable* from this run,
plus one optional tag that is local to the child.
"""

from __future__ import annotations

from reference.dispatch import ahandle_event, handle_event
from reference.ids import new_run_id

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, TypeVar
    from uuid import UUID

    from typing_extensions import Self

    from reference.agents import AgentAction, AgentFinish
    from reference.documents import Document
    from reference.handlers import BaseCallbackHandler
    from reference.managers import AsyncCallbackManager, BaseCallbackManager, CallbackManager
    from reference.outputs import LLMResult

    _Manager = TypeVar("_Manager", bound=BaseCallbackManager)


class BaseRunManager:
    """What every run manager holds: the run's id and the context it runs in."""

    def __init__(
        self,
        *,
        run_id: UUID,
        handlers: list[BaseCallbackHandler],
        inheritable_handlers: list[BaseCallbackHandler],
        parent_run_id: UUID | None = None,
        tags: list[str] | None = None,
        inheritable_tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        inheritable_metadata: dict[str, Any] | None = None,
    ) -> None:
        self.run_id = run_id
        self.handlers = handlers
        self.inheritable_handlers = inheritable_handlers
        self.parent_run_id = parent_run_id
        self.tags = tags if tags is not None else []
        self.inheritable_tags = inheritable_tags if inheritable_tags is not None else []
        self.metadata = metadata if metadata is not None else {}
        self.inheritable_metadata = inheritable_metadata if inheritable_metadata is not None else {}

    @classmethod
    def get_noop_manager(cls) -> Self:
        """A run manager of this class with a fresh run id and no handlers (all events no-ops)."""
        return cls(run_id=new_run_id(), handlers=[], inheritable_handlers=[])

    def _state(self) -> dict[str, Any]:
        """The constructor arguments that rebuild this run manager."""
        return {
            "run_id": self.run_id,
            "handlers": self.handlers,
            "inheritable_handlers": self.inheritable_handlers,
            "parent_run_id": self.parent_run_id,
            "tags": self.tags,
            "inheritable_tags": self.inheritable_tags,
            "metadata": self.metadata,
            "inheritable_metadata": self.inheritable_metadata,
        }


class RunManager(BaseRunManager):
    """A sync run manager: events are delivered before the method returns."""

    def _emit(self, event: str, ignore_flag: str | None, arg: Any, kwargs: dict[str, Any]) -> None:
        # Every run event carries the run's id, its parent's id and its tags.
        if self.handlers:
            handle_event(
                self.handlers,
                event,
                ignore_flag,
                arg,
                run_id=self.run_id,
                parent_run_id=self.parent_run_id,
                tags=self.tags,
                **kwargs,
            )

    def on_text(self, text: str, **kwargs: Any) -> None:
        """The run produced free text."""
        self._emit("on_text", None, text, kwargs)

    def on_retry(self, retry_state: Any, **kwargs: Any) -> None:
        """The run is retrying."""
        self._emit("on_retry", "ignore_retry", retry_state, kwargs)


class ParentRunManager(RunManager):
    """A sync run manager for a run that can have child runs."""

    def get_child(self, tag: str | None = None) -> CallbackManager:
        """A manager for child runs: inheritable state only, parent = this run."""
        from reference.managers import CallbackManager

        return _child_of(self, CallbackManager(handlers=[], parent_run_id=self.run_id), tag)


class AsyncRunManager(BaseRunManager):
    """An async run manager: events are awaited."""

    def get_sync(self) -> RunManager:
        """The sync run manager for the same run, sharing this one's state."""
        return RunManager(**self._state())

    async def _aemit(
        self, event: str, ignore_flag: str | None, arg: Any, kwargs: dict[str, Any]
    ) -> None:
        if self.handlers:
            await ahandle_event(
                self.handlers,
                event,
                ignore_flag,
                arg,
                run_id=self.run_id,
                parent_run_id=self.parent_run_id,
                tags=self.tags,
                **kwargs,
            )

    async def _afinish(
        self, event: str, ignore_flag: str | None, arg: Any, kwargs: dict[str, Any]
    ) -> None:
        # An end or an error is delivered in full even when the task awaiting it
        # is cancelled meanwhile (a client hung up, a timeout fired): otherwise
        # handlers keep a run open for ever.  The delivery runs as a task of its
        # own (with a copy of the caller's context variables) behind a shield;
        # the caller still gets its CancelledError.
        import asyncio

        delivery = asyncio.ensure_future(self._aemit(event, ignore_flag, arg, kwargs))
        await asyncio.shield(delivery)

    async def on_text(self, text: str, **kwargs: Any) -> None:
        """The run produced free text."""
        await self._aemit("on_text", None, text, kwargs)

    async def on_retry(self, retry_state: Any, **kwargs: Any) -> None:
        """The run is retrying."""
        await self._aemit("on_retry", "ignore_retry", retry_state, kwargs)


class AsyncParentRunManager(AsyncRunManager):
    """An async run manager for a run that can have child runs."""

    def get_child(self, tag: str | None = None) -> AsyncCallbackManager:
        """A manager for child runs: inheritable state only, parent = this run."""
        from reference.managers import AsyncCallbackManager

        return _child_of(self, AsyncCallbackManager(handlers=[], parent_run_id=self.run_id), tag)


def _child_of(run: BaseRunManager, child: _Manager, tag: str | None) -> _Manager:
    # What a child inherits: the inheritable handlers (as both its handlers
    # and its inheritable handlers), the inheritable tags and metadata.  The
    # extra ``tag`` names the child's place in its parent and is not passed on.
    child.set_handlers(run.inheritable_handlers)
    child.add_tags(run.inheritable_tags)
    child.add_metadata(run.inheritable_metadata)
    if tag is not None:
        child.add_tags([tag], inherit=False)
    return child


# --- model runs -------------------------------------------------------------


class CallbackManagerForLLMRun(RunManager):
    """A model run: streamed tokens, then its end or error."""

    def on_llm_new_token(self, token: str, *, chunk: Any = None, **kwargs: Any) -> None:
        """A streamed token (``chunk`` carries the full piece)."""
        self._emit("on_llm_new_token", "ignore_llm", token, {"chunk": chunk, **kwargs})

    def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        """The model run finished."""
        self._emit("on_llm_end", "ignore_llm", response, kwargs)

    def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        """The model run failed."""
        self._emit("on_llm_error", "ignore_llm", error, kwargs)


class AsyncCallbackManagerForLLMRun(AsyncRunManager):
    """The async form of :class:`CallbackManagerForLLMRun`."""

    def get_sync(self) -> CallbackManagerForLLMRun:
        """The sync run manager for the same run."""
        return CallbackManagerForLLMRun(**self._state())

    async def on_llm_new_token(self, token: str, *, chunk: Any = None, **kwargs: Any) -> None:
        """A streamed token."""
        await self._aemit("on_llm_new_token", "ignore_llm", token, {"chunk": chunk, **kwargs})

    async def on_llm_end(self, response: LLMResult, **kwargs: Any) -> None:
        """The model run finished."""
        await self._afinish("on_llm_end", "ignore_llm", response, kwargs)

    async def on_llm_error(self, error: BaseException, **kwargs: Any) -> None:
        """The model run failed."""
        await self._afinish("on_llm_error", "ignore_llm", error, kwargs)


# --- chain runs -------------------------------------------------------------


class CallbackManagerForChainRun(ParentRunManager):
    """A chain run: its end or error, and the steps of an agent it drives."""

    def on_chain_end(self, outputs: dict[str, Any] | Any, **kwargs: Any) -> None:
        """The chain run finished."""
        self._emit("on_chain_end", "ignore_chain", outputs, kwargs)

    def on_chain_error(self, error: BaseException, **kwargs: Any) -> None:
        """The chain run failed."""
        self._emit("on_chain_error", "ignore_chain", error, kwargs)

    def on_agent_action(self, action: AgentAction, **kwargs: Any) -> None:
        """The agent chose an action."""
        self._emit("on_agent_action", "ignore_agent", action, kwargs)

    def on_agent_finish(self, finish: AgentFinish, **kwargs: Any) -> None:
        """The agent finished."""
        self._emit("on_agent_finish", "ignore_agent", finish, kwargs)


class AsyncCallbackManagerForChainRun(AsyncParentRunManager):
    """The async form of :class:`CallbackManagerForChainRun`."""

    def get_sync(self) -> CallbackManagerForChainRun:
        """The sync run manager for the same run."""
        return CallbackManagerForChainRun(**self._state())

    async def on_chain_end(self, outputs: dict[str, Any] | Any, **kwargs: Any) -> None:
        """The chain run finished."""
        await self._afinish("on_chain_end", "ignore_chain", outputs, kwargs)

    async def on_chain_error(self, error: BaseException, **kwargs: Any) -> None:
        """The chain run failed."""
        await self._afinish("on_chain_error", "ignore_chain", error, kwargs)

    async def on_agent_action(self, action: AgentAction, **kwargs: Any) -> None:
        """The agent chose an action."""
        await self._aemit("on_agent_action", "ignore_agent", action, kwargs)

    async def on_agent_finish(self, finish: AgentFinish, **kwargs: Any) -> None:
        """The agent finished."""
        await self._aemit("on_agent_finish", "ignore_agent", finish, kwargs)


# --- tool runs --------------------------------------------------------------


class CallbackManagerForToolRun(ParentRunManager):
    """A tool run: its end or error."""

    def on_tool_end(self, output: Any, **kwargs: Any) -> None:
        """The tool returned."""
        self._emit("on_tool_end", "ignore_agent", output, kwargs)

    def on_tool_error(self, error: BaseException, **kwargs: Any) -> None:
        """The tool failed."""
        self._emit("on_tool_error", "ignore_agent", error, kwargs)


class AsyncCallbackManagerForToolRun(AsyncParentRunManager):
    """The async form of :class:`CallbackManagerForToolRun`."""

    def get_sync(self) -> CallbackManagerForToolRun:
        """The sync run manager for the same run."""
        return CallbackManagerForToolRun(**self._state())

    async def on_tool_end(self, output: Any, **kwargs: Any) -> None:
        """The tool returned."""
        await self._afinish("on_tool_end", "ignore_agent", output, kwargs)

    async def on_tool_error(self, error: BaseException, **kwargs: Any) -> None:
        """The tool failed."""
        await self._afinish("on_tool_error", "ignore_agent", error, kwargs)


# --- retriever runs ---------------------------------------------------------


class CallbackManagerForRetrieverRun(ParentRunManager):
    """A retriever run: its end or error."""

    def on_retriever_end(self, documents: Sequence[Document], **kwargs: Any) -> None:
        """The retriever returned documents."""
        self._emit("on_retriever_end", "ignore_retriever", documents, kwargs)

    def on_retriever_error(self, error: BaseException, **kwargs: Any) -> None:
        """The retriever failed."""
        self._emit("on_retriever_error", "ignore_retriever", error, kwargs)


class AsyncCallbackManagerForRetrieverRun(AsyncParentRunManager):
    """The async form of :class:`CallbackManagerForRetrieverRun`."""

    def get_sync(self) -> CallbackManagerForRetrieverRun:
        """The sync run manager for the same run."""
        return CallbackManagerForRetrieverRun(**self._state())

    async def on_retriever_end(self, documents: Sequence[Document], **kwargs: Any) -> None:
        """The retriever returned documents."""
        await self._afinish("on_retriever_end", "ignore_retriever", documents, kwargs)

    async def on_retriever_error(self, error: BaseException, **kwargs: Any) -> None:
        """The retriever failed."""
        await self._afinish("on_retriever_error", "ignore_retriever", error, kwargs)
