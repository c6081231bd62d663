"""Delivering one event to a list of handlers: the core loops.

Two loops, one per kind of manager.

:func:`handle_event` (sync managers) calls the handlers one after another,
in list order.  For each handler:

1. skip it if its ignore flag for the event's family is true;
2. call the event method; a coroutine (an async handler) is kept aside and
   run to completion before the call returns;
3. if it raised :class:`NotImplementedError` from ``on_chat_model_start``,
   call its ``on_llm_start`` instead, one buffer string per message list;
   any other ``NotImplementedError`` is logged;
4. any other exception is logged as a warning naming the handler's class and
   the event, and dispatch goes on, unless the handler's ``raise_error`` is
   true: then the same exception object propagates to the caller.

:func:`ahandle_event` (async managers) awaits the ``run_inline`` handlers
first, one at a time in list order, then runs all the others concurrently.
A sync handler that is not inline runs in the loop's default executor, in a
copy of the caller's context variables, so it does not block the loop.

asyncio is imported on first use only: ``import reference`` stays cheap for
programs that never touch async handlers.
"""

from __future__ import annotations

from collections.abc import Coroutine
from contextvars import copy_context

from reference.messages import get_buffer_string

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Sequence
    from concurrent.futures import ThreadPoolExecutor
    from logging import Logger
    from typing import Any

    from reference.handlers import BaseCallbackHandler

LOGGER_NAME = "reference.callbacks"
_logger: Logger | None = None


def log_warning(message: str, *args: object) -> None:
    """Log a dispatch problem; the logger (and ``logging``) is set up on first use."""
    global _logger
    if _logger is None:
        import logging

        _logger = logging.getLogger(LOGGER_NAME)
    _logger.warning(message, *args)


def _log_handler_error(handler: object, event: str, error: BaseException) -> None:
    kind = "NotImplementedError" if isinstance(error, NotImplementedError) else "Error"
    log_warning("%s in %s.%s callback: %r", kind, type(handler).__name__, event, error)


def _as_prompts(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Turn ``on_chat_model_start`` arguments into ``on_llm_start`` arguments."""
    serialized, message_lists, *rest = args
    return (serialized, [get_buffer_string(messages) for messages in message_lists], *rest)


def handle_event(
    handlers: Sequence[BaseCallbackHandler],
    event: str,
    ignore_flag: str | None,
    *args: Any,
    **kwargs: Any,
) -> None:
    """Deliver ``event`` to ``handlers`` in order (see the module docstring)."""
    pending: list[tuple[BaseCallbackHandler, Coroutine[Any, Any, Any]]] = []
    try:
        for handler in handlers:
            try:
                if ignore_flag is not None and getattr(handler, ignore_flag):
                    continue
                result = getattr(handler, event)(*args, **kwargs)
                if result is not None and isinstance(result, Coroutine):
                    pending.append((handler, result))
            except NotImplementedError as error:
                if event == "on_chat_model_start":
                    handle_event(
                        [handler], "on_llm_start", "ignore_llm", *_as_prompts(args), **kwargs
                    )
                else:
                    _log_handler_error(handler, event, error)
            except Exception as error:
                _log_handler_error(handler, event, error)
                if handler.raise_error:
                    raise
    finally:
        # Coroutines collected so far run even when a handler's error is about
        # to propagate: they were already created and must not be dropped.
        if pending:
            _run_coroutines(pending, event, args, kwargs)


def _run_coroutines(
    pending: list[tuple[BaseCallbackHandler, Coroutine[Any, Any, Any]]],
    event: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    """Run async handlers' coroutines to completion from synchronous code.

    With no event loop running in this thread, a private loop runs them here.
    With one running (a sync manager called from inside a coroutine), blocking
    on it would deadlock, so a worker thread with its own loop runs them,
    in a copy of the caller's context, while this thread waits.
    """
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        _run_on_private_loop(pending, event, args, kwargs)
    else:
        ctx = copy_context()
        _worker().submit(ctx.run, _run_on_private_loop, pending, event, args, kwargs).result()


def _run_on_private_loop(
    pending: list[tuple[BaseCallbackHandler, Coroutine[Any, Any, Any]]],
    event: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    import asyncio

    async def run_all() -> None:
        for handler, coroutine in pending:
            try:
                await coroutine
            except NotImplementedError as error:
                if event == "on_chat_model_start":
                    await _ahandle_one(
                        handler, "on_llm_start", "ignore_llm", _as_prompts(args), kwargs
                    )
                else:
                    _log_handler_error(handler, event, error)
            except Exception as error:
                # A sync caller cannot receive an async handler's exception in
                # the middle of its own dispatch, so it is logged, whatever
                # ``raise_error`` says.
                _log_handler_error(handler, event, error)
        # Tasks the handlers started belong to this dispatch too: wait for them
        # rather than let the loop's shutdown cancel them.
        me = asyncio.current_task()
        while tasks := asyncio.all_tasks() - {me}:
            await asyncio.wait(tasks)

    asyncio.run(run_all())


_executor: ThreadPoolExecutor | None = None


def _worker() -> ThreadPoolExecutor:
    """The shared worker pool for async handlers reached from inside a running loop."""
    global _executor
    if _executor is None:
        from concurrent.futures import ThreadPoolExecutor

        _executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="reference-callbacks")
    return _executor


async def ahandle_event(
    handlers: Sequence[BaseCallbackHandler],
    event: str,
    ignore_flag: str | None,
    *args: Any,
    **kwargs: Any,
) -> None:
    """Deliver ``event``: inline handlers in order, then the rest concurrently."""
    import asyncio

    for handler in handlers:
        if handler.run_inline:
            await _ahandle_one(handler, event, ignore_flag, args, kwargs)
    others = [h for h in handlers if not h.run_inline]
    if others:
        await asyncio.gather(*(_ahandle_one(h, event, ignore_flag, args, kwargs) for h in others))


async def _ahandle_one(
    handler: BaseCallbackHandler,
    event: str,
    ignore_flag: str | None,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    """Deliver ``event`` to one handler under an async manager."""
    import asyncio
    import inspect

    try:
        if ignore_flag is not None and getattr(handler, ignore_flag):
            return
        method = getattr(handler, event)
        if inspect.iscoroutinefunction(method):
            await method(*args, **kwargs)
        elif handler.run_inline:
            method(*args, **kwargs)
        else:
            ctx = copy_context()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, lambda: ctx.run(method, *args, **kwargs))
    except NotImplementedError as error:
        if event == "on_chat_model_start":
            await _ahandle_one(handler, "on_llm_start", "ignore_llm", _as_prompts(args), kwargs)
        else:
            _log_handler_error(handler, event, error)
    except Exception as error:
        _log_handler_error(handler, event, error)
        if handler.raise_error:
            raise
