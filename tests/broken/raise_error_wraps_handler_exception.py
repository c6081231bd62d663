"""A raise_error handler's exception reaches the caller wrapped in another one.

To "add context", the managers catch what a handler raises and raise
``CallbackError(...) from error``.  Callers that set ``raise_error`` to stop
a run on a specific exception (``except MyAbort:``) no longer catch it: the
documented behaviour is that the handler's own exception object propagates.
"""

from __future__ import annotations

from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event, handle_event

EXPECTED_FAILURES = ("ERROR-02",)


class CallbackError(RuntimeError):
    """A handler with raise_error failed."""


def handle_event_(handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any) -> None:
    try:
        handle_event(handlers, event, flag, *a, **kw)
    except Exception as error:
        raise CallbackError(f"a handler failed in {event}") from error


async def ahandle_event_(
    handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any
) -> None:
    try:
        await ahandle_event(handlers, event, flag, *a, **kw)
    except Exception as error:
        raise CallbackError(f"a handler failed in {event}") from error


for _module in (reference.managers, reference.runs):
    _module.handle_event = handle_event_
    _module.ahandle_event = ahandle_event_
