"""Callback managers: where runs start and where handler state lives.

A manager holds two lists of handlers, two lists of tags and two metadata
dicts.  The plain ones (``handlers``, ``tags``, ``metadata``) apply to the
runs this manager starts; the ``inheritable_*`` ones are also handed down to
child runs through :meth:`~reference.runs.ParentRunManager.get_child`.  A
handler added with ``inherit=True`` is in both lists.

Start methods deliver the start event to ``handlers`` and return run
managers.  ``on_llm_start`` and ``on_chat_model_start`` open one run per
prompt / message list, each delivered as a one-element list, and a
``run_id`` given by the caller is used for the first of them only (two runs
never share an id).  The other start methods open exactly one run, with the
given ``run_id`` or a fresh one.  Every start event carries ``run_id``,
``parent_run_id`` (the manager's), ``tags`` and ``metadata``.

:class:`CallbackManager` delivers synchronously; :class:`AsyncCallbackManager`
has the same methods as coroutines.  ``configure`` builds a manager from the
loose inputs a runnable receives (see :func:`configure`).
"""

from __future__ import annotations

from reference.dispatch import ahandle_event, handle_event
from reference.handlers import CallbackManagerMixin
from reference.hooks import active_hook_handlers
from reference.ids import new_run_id
from reference.runs import (
    AsyncCallbackManagerForChainRun,
    AsyncCallbackManagerForLLMRun,
    AsyncCallbackManagerForRetrieverRun,
    AsyncCallbackManagerForToolRun,
    CallbackManagerForChainRun,
    CallbackManagerForLLMRun,
    CallbackManagerForRetrieverRun,
    CallbackManagerForToolRun,
)

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from typing import Any, TypeAlias, TypeVar
    from uuid import UUID

    from typing_extensions import Self

    from reference.handlers import BaseCallbackHandler
    from reference.messages import BaseMessage
    from reference.runs import BaseRunManager

    #: What ``configure`` accepts for callbacks: a list of handlers or a manager.
    Callbacks: TypeAlias = "list[BaseCallbackHandler] | BaseCallbackManager | None"
    _T = TypeVar("_T")
    _M = TypeVar("_M", bound="BaseCallbackManager")
    _R = TypeVar("_R", bound=BaseRunManager)


class BaseCallbackManager(CallbackManagerMixin):
    """Handler, tag and metadata state shared by sync and async managers.

    The start methods it inherits from :class:`CallbackManagerMixin` are the
    handler-shaped placeholders of the API page; :class:`CallbackManager` and
    :class:`AsyncCallbackManager` replace them with methods that start runs
    (their signatures differ: the caller passes an optional ``run_id`` and
    gets run managers back).

    The constructor copies the lists and dicts it is given: the mutators then
    change this manager alone, even when a caller hands one list to several
    managers or gives the same list as both handler lists (STATE-08).
    """

    def __init__(
        self,
        handlers: list[BaseCallbackHandler],
        inheritable_handlers: list[BaseCallbackHandler] | None = None,
        parent_run_id: UUID | None = None,
        *,
        tags: list[str] | None = None,
        inheritable_tags: list[str] | None = None,
        metadata: dict[str, Any] | None = None,
        inheritable_metadata: dict[str, Any] | None = None,
    ) -> None:
        self.handlers = list(handlers or ())
        self.inheritable_handlers = list(inheritable_handlers or ())
        self.parent_run_id = parent_run_id
        self.tags = list(tags or ())
        self.inheritable_tags = list(inheritable_tags or ())
        self.metadata = dict(metadata or {})
        self.inheritable_metadata = dict(inheritable_metadata or {})

    @property
    def is_async(self) -> bool:
        """Whether start and run methods are coroutines."""
        return False

    # --- copy and merge -----------------------------------------------------

    def copy(self) -> Self:
        """A manager of the same class with its own containers and the same handler objects."""
        return type(self)(
            handlers=list(self.handlers),
            inheritable_handlers=list(self.inheritable_handlers),
            parent_run_id=self.parent_run_id,
            tags=list(self.tags),
            inheritable_tags=list(self.inheritable_tags),
            metadata=dict(self.metadata),
            inheritable_metadata=dict(self.inheritable_metadata),
        )

    def merge(self, other: BaseCallbackManager) -> Self:
        """A new manager of ``type(self)`` combining both; neither operand changes.

        Handlers, inheritable handlers, tags and inheritable tags are each the
        union of both sides without duplicates; metadata and inheritable
        metadata are merged with ``other`` winning on equal keys; the parent
        run is self's, else other's.  The order of the merged lists is not
        part of the contract (LangChain builds sets); this one keeps the order
        in which items are first seen, self before other.
        """
        return type(self)(
            handlers=_union(self.handlers, other.handlers),
            inheritable_handlers=_union(self.inheritable_handlers, other.inheritable_handlers),
            parent_run_id=self.parent_run_id or other.parent_run_id,
            tags=_union(self.tags, other.tags),
            inheritable_tags=_union(self.inheritable_tags, other.inheritable_tags),
            metadata={**self.metadata, **other.metadata},
            inheritable_metadata={**self.inheritable_metadata, **other.inheritable_metadata},
        )

    # --- handlers -----------------------------------------------------------

    def add_handler(self, handler: BaseCallbackHandler, inherit: bool = True) -> None:
        """Add ``handler`` (never twice); with ``inherit`` also to the inheritable handlers."""
        if handler not in self.handlers:
            self.handlers.append(handler)
        if inherit and handler not in self.inheritable_handlers:
            self.inheritable_handlers.append(handler)

    def remove_handler(self, handler: BaseCallbackHandler) -> None:
        """Remove ``handler`` from both lists; a handler that is absent is ignored."""
        if handler in self.handlers:
            self.handlers.remove(handler)
        if handler in self.inheritable_handlers:
            self.inheritable_handlers.remove(handler)

    def set_handlers(self, handlers: list[BaseCallbackHandler], inherit: bool = True) -> None:
        """Replace both lists: ``handlers`` become the only (inheritable, if ``inherit``) ones."""
        self.handlers = []
        self.inheritable_handlers = []
        for handler in handlers:
            self.add_handler(handler, inherit)

    def set_handler(self, handler: BaseCallbackHandler, inherit: bool = True) -> None:
        """Make ``handler`` the only handler."""
        self.set_handlers([handler], inherit)

    # --- tags ---------------------------------------------------------------

    def add_tags(self, tags: list[str], inherit: bool = True) -> None:
        """Append ``tags``; a tag already present is moved to the end, not repeated.

        With ``inherit`` the tags are also inheritable.  A moved tag is
        inheritable afterwards exactly when this call says so.
        """
        for tag in tags:
            if tag in self.tags:
                self.remove_tags([tag])
        self.tags.extend(tags)
        if inherit:
            self.inheritable_tags.extend(tags)

    def remove_tags(self, tags: list[str]) -> None:
        """Remove ``tags`` from both lists; absent tags are ignored."""
        for tag in tags:
            if tag in self.tags:
                self.tags.remove(tag)
            if tag in self.inheritable_tags:
                self.inheritable_tags.remove(tag)

    # --- metadata -----------------------------------------------------------

    def add_metadata(self, metadata: dict[str, Any], inherit: bool = True) -> None:
        """Merge ``metadata`` in (new values win); with ``inherit`` into the inheritable too."""
        self.metadata = {**self.metadata, **metadata}
        if inherit:
            self.inheritable_metadata = {**self.inheritable_metadata, **metadata}

    def remove_metadata(self, keys: list[str]) -> None:
        """Remove ``keys`` from both dicts; absent keys are ignored."""
        for key in keys:
            self.metadata.pop(key, None)
            self.inheritable_metadata.pop(key, None)

    # --- helpers for subclasses ---------------------------------------------

    def _bind(self, run_class: type[_R], run_id: UUID) -> _R:
        """A run manager of ``run_class`` for a run this manager starts."""
        return run_class(
            run_id=run_id,
            handlers=self.handlers,
            inheritable_handlers=self.inheritable_handlers,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            inheritable_tags=self.inheritable_tags,
            metadata=self.metadata,
            inheritable_metadata=self.inheritable_metadata,
        )


def _union(first: list[_T], second: list[_T]) -> list[_T]:
    merged: list[_T] = []
    for item in (*first, *second):
        if item not in merged:
            merged.append(item)
    return merged


def _run_ids(count: int, run_id: UUID | None) -> list[UUID]:
    """One id per run: the caller's for the first run, fresh ones after."""
    ids = [new_run_id() for _ in range(count)]
    if run_id is not None and ids:
        ids[0] = run_id
    return ids


class CallbackManager(BaseCallbackManager):
    """A manager whose start methods deliver events before returning."""

    def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        run_id: UUID | None = None,
        **kwargs: Any,
    ) -> list[CallbackManagerForLLMRun]:
        """Start one model run per prompt; return their run managers in prompt order."""
        runs = []
        for prompt, id_ in zip(prompts, _run_ids(len(prompts), run_id), strict=True):
            handle_event(
                self.handlers,
                "on_llm_start",
                "ignore_llm",
                serialized,
                [prompt],
                run_id=id_,
                parent_run_id=self.parent_run_id,
                tags=self.tags,
                metadata=self.metadata,
                **kwargs,
            )
            runs.append(self._bind(CallbackManagerForLLMRun, id_))
        return runs

    def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        run_id: UUID | None = None,
        **kwargs: Any,
    ) -> list[CallbackManagerForLLMRun]:
        """Start one chat model run per message list; return their run managers in order."""
        runs = []
        for message_list, id_ in zip(messages, _run_ids(len(messages), run_id), strict=True):
            handle_event(
                self.handlers,
                "on_chat_model_start",
                "ignore_chat_model",
                serialized,
                [message_list],
                run_id=id_,
                parent_run_id=self.parent_run_id,
                tags=self.tags,
                metadata=self.metadata,
                **kwargs,
            )
            runs.append(self._bind(CallbackManagerForLLMRun, id_))
        return runs

    def on_chain_start(
        self,
        serialized: dict[str, Any] | None,
        inputs: dict[str, Any] | Any,
        run_id: UUID | None = None,
        **kwargs: Any,
    ) -> CallbackManagerForChainRun:
        """Start a chain run."""
        if run_id is None:
            run_id = new_run_id()
        handle_event(
            self.handlers,
            "on_chain_start",
            "ignore_chain",
            serialized,
            inputs,
            run_id=run_id,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
        return self._bind(CallbackManagerForChainRun, run_id)

    def on_tool_start(
        self,
        serialized: dict[str, Any] | None,
        input_str: str,
        run_id: UUID | None = None,
        parent_run_id: UUID | None = None,
        inputs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> CallbackManagerForToolRun:
        """Start a tool run; ``inputs`` (the tool's structured input) is passed on.

        ``parent_run_id`` is accepted for signature compatibility; the parent
        of the run is always the manager's ``parent_run_id``.
        """
        if run_id is None:
            run_id = new_run_id()
        handle_event(
            self.handlers,
            "on_tool_start",
            "ignore_agent",
            serialized,
            input_str,
            run_id=run_id,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            inputs=inputs,
            **kwargs,
        )
        return self._bind(CallbackManagerForToolRun, run_id)

    def on_retriever_start(
        self,
        serialized: dict[str, Any] | None,
        query: str,
        run_id: UUID | None = None,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> CallbackManagerForRetrieverRun:
        """Start a retriever run (``parent_run_id`` as for :meth:`on_tool_start`)."""
        if run_id is None:
            run_id = new_run_id()
        handle_event(
            self.handlers,
            "on_retriever_start",
            "ignore_retriever",
            serialized,
            query,
            run_id=run_id,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
        return self._bind(CallbackManagerForRetrieverRun, run_id)

    def on_custom_event(
        self, name: str, data: Any, run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        """Deliver a user-defined event (see :func:`check_custom_event`)."""
        if not self.handlers:
            return
        check_custom_event(kwargs)
        handle_event(
            self.handlers,
            "on_custom_event",
            "ignore_custom_event",
            name,
            data,
            run_id=run_id or new_run_id(),
            tags=self.tags,
            metadata=self.metadata,
        )

    @classmethod
    def configure(
        cls,
        inheritable_callbacks: Callbacks = None,
        local_callbacks: Callbacks = None,
        verbose: bool = False,
        inheritable_tags: list[str] | None = None,
        local_tags: list[str] | None = None,
        inheritable_metadata: dict[str, Any] | None = None,
        local_metadata: dict[str, Any] | None = None,
    ) -> CallbackManager:
        """Build a manager from loose inputs (see :func:`configure`)."""
        return configure(
            cls,
            inheritable_callbacks,
            local_callbacks,
            verbose,
            inheritable_tags,
            local_tags,
            inheritable_metadata,
            local_metadata,
        )


class AsyncCallbackManager(BaseCallbackManager):
    """A manager whose start methods are coroutines.

    Handlers with ``run_inline`` are awaited first, in list order (for LLM
    starts: prompt by prompt); then all other deliveries of the call run
    concurrently.
    """

    @property
    def is_async(self) -> bool:
        """Always true."""
        return True

    async def _start_many(
        self,
        event: str,
        ignore_flag: str,
        serialized: dict[str, Any],
        items: list[Any],
        run_id: UUID | None,
        kwargs: dict[str, Any],
    ) -> list[AsyncCallbackManagerForLLMRun]:
        """One run per item: inline handlers item by item, then everything else at once."""
        import asyncio

        ids = _run_ids(len(items), run_id)
        inline = [h for h in self.handlers if h.run_inline]
        others = [h for h in self.handlers if not h.run_inline]
        for item, id_ in zip(items, ids, strict=True):
            await ahandle_event(
                inline,
                event,
                ignore_flag,
                serialized,
                [item],
                run_id=id_,
                parent_run_id=self.parent_run_id,
                tags=self.tags,
                metadata=self.metadata,
                **kwargs,
            )
        if others:
            await asyncio.gather(
                *(
                    ahandle_event(
                        others,
                        event,
                        ignore_flag,
                        serialized,
                        [item],
                        run_id=id_,
                        parent_run_id=self.parent_run_id,
                        tags=self.tags,
                        metadata=self.metadata,
                        **kwargs,
                    )
                    for item, id_ in zip(items, ids, strict=True)
                )
            )
        return [self._bind(AsyncCallbackManagerForLLMRun, id_) for id_ in ids]

    async def on_llm_start(
        self,
        serialized: dict[str, Any],
        prompts: list[str],
        run_id: UUID | None = None,
        **kwargs: Any,
    ) -> list[AsyncCallbackManagerForLLMRun]:
        """Start one model run per prompt."""
        return await self._start_many(
            "on_llm_start", "ignore_llm", serialized, prompts, run_id, kwargs
        )

    async def on_chat_model_start(
        self,
        serialized: dict[str, Any],
        messages: list[list[BaseMessage]],
        run_id: UUID | None = None,
        **kwargs: Any,
    ) -> list[AsyncCallbackManagerForLLMRun]:
        """Start one chat model run per message list."""
        return await self._start_many(
            "on_chat_model_start", "ignore_chat_model", serialized, messages, run_id, kwargs
        )

    async def on_chain_start(
        self,
        serialized: dict[str, Any] | None,
        inputs: dict[str, Any] | Any,
        run_id: UUID | None = None,
        **kwargs: Any,
    ) -> AsyncCallbackManagerForChainRun:
        """Start a chain run."""
        if run_id is None:
            run_id = new_run_id()
        await ahandle_event(
            self.handlers,
            "on_chain_start",
            "ignore_chain",
            serialized,
            inputs,
            run_id=run_id,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
        return self._bind(AsyncCallbackManagerForChainRun, run_id)

    async def on_tool_start(
        self,
        serialized: dict[str, Any] | None,
        input_str: str,
        run_id: UUID | None = None,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> AsyncCallbackManagerForToolRun:
        """Start a tool run (``inputs``, if given, travels in ``kwargs``)."""
        if run_id is None:
            run_id = new_run_id()
        await ahandle_event(
            self.handlers,
            "on_tool_start",
            "ignore_agent",
            serialized,
            input_str,
            run_id=run_id,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
        return self._bind(AsyncCallbackManagerForToolRun, run_id)

    async def on_custom_event(
        self, name: str, data: Any, run_id: UUID | None = None, **kwargs: Any
    ) -> None:
        """Deliver a user-defined event (see :func:`check_custom_event`)."""
        if not self.handlers:
            return
        check_custom_event(kwargs)
        await ahandle_event(
            self.handlers,
            "on_custom_event",
            "ignore_custom_event",
            name,
            data,
            run_id=run_id or new_run_id(),
            tags=self.tags,
            metadata=self.metadata,
        )

    async def on_retriever_start(
        self,
        serialized: dict[str, Any] | None,
        query: str,
        run_id: UUID | None = None,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> AsyncCallbackManagerForRetrieverRun:
        """Start a retriever run."""
        if run_id is None:
            run_id = new_run_id()
        await ahandle_event(
            self.handlers,
            "on_retriever_start",
            "ignore_retriever",
            serialized,
            query,
            run_id=run_id,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
        return self._bind(AsyncCallbackManagerForRetrieverRun, run_id)

    @classmethod
    def configure(
        cls,
        inheritable_callbacks: Callbacks = None,
        local_callbacks: Callbacks = None,
        verbose: bool = False,
        inheritable_tags: list[str] | None = None,
        local_tags: list[str] | None = None,
        inheritable_metadata: dict[str, Any] | None = None,
        local_metadata: dict[str, Any] | None = None,
    ) -> AsyncCallbackManager:
        """Build an async manager from loose inputs (see :func:`configure`)."""
        return configure(
            cls,
            inheritable_callbacks,
            local_callbacks,
            verbose,
            inheritable_tags,
            local_tags,
            inheritable_metadata,
            local_metadata,
        )


def check_custom_event(kwargs: dict[str, Any]) -> None:
    """Custom events take no extra keyword arguments: what matters goes in ``data``."""
    if kwargs:
        raise ValueError(
            "custom events accept no extra keyword arguments "
            f"(got {sorted(kwargs)}); put them in the event's data instead"
        )


def configure(
    manager_class: type[_M],
    inheritable_callbacks: Callbacks = None,
    local_callbacks: Callbacks = None,
    verbose: bool = False,
    inheritable_tags: list[str] | None = None,
    local_tags: list[str] | None = None,
    inheritable_metadata: dict[str, Any] | None = None,
    local_metadata: dict[str, Any] | None = None,
) -> _M:
    """Build a ``manager_class`` from the callbacks, tags and metadata a run receives.

    * ``inheritable_callbacks`` given as a list: those handlers, inheritable.
      Given as a manager (the parent's child manager, typically): a copy of
      its handlers, inheritable handlers, tags, metadata and parent run id;
      the manager passed in is left unchanged.
    * ``local_callbacks`` (a list, or a manager's ``handlers``): added as
      handlers that do not reach child runs.
    * ``inheritable_tags`` / ``inheritable_metadata`` are added inheritable;
      ``local_tags`` / ``local_metadata`` are added local.
    * ``verbose``: one printing handler, local, unless one is already there.
    * Configure hooks (such as :func:`~reference.usage.get_usage_metadata_callback`):
      every handler active in one is added once, inheritable or not as the
      hook was registered.
    """
    from reference.stdout import StdOutCallbackHandler

    source = inheritable_callbacks
    if source is None or isinstance(source, list):
        manager = manager_class(
            handlers=list(source or []), inheritable_handlers=list(source or [])
        )
    else:
        manager = manager_class(
            handlers=list(source.handlers),
            inheritable_handlers=list(source.inheritable_handlers),
            parent_run_id=source.parent_run_id,
            tags=list(source.tags),
            inheritable_tags=list(source.inheritable_tags),
            metadata=dict(source.metadata),
            inheritable_metadata=dict(source.inheritable_metadata),
        )

    local = (
        local_callbacks.handlers
        if isinstance(local_callbacks, BaseCallbackManager)
        else local_callbacks
    )
    for handler in local or []:
        manager.add_handler(handler, inherit=False)

    manager.add_tags(inheritable_tags or [])
    manager.add_tags(local_tags or [], inherit=False)
    manager.add_metadata(inheritable_metadata or {})
    manager.add_metadata(local_metadata or {}, inherit=False)

    if verbose and not any(isinstance(h, StdOutCallbackHandler) for h in manager.handlers):
        manager.add_handler(StdOutCallbackHandler(), inherit=False)

    for handler, inheritable in active_hook_handlers():
        if not any(existing is handler for existing in manager.handlers):
            manager.add_handler(handler, inheritable)
    return manager
