"""A handler with ignore_chain also misses every tool event.

Tools are usually run by chains (agents), so whoever wrote the dispatch
filter treated tool events as part of the chain family too: a handler is
skipped for ``on_tool_*`` when it ignores agents *or* chains.  A handler that
opts out of chain events to cut noise silently loses its tool events.
"""

from __future__ import annotations

from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event, handle_event

EXPECTED_FAILURES = ("IGNORE-01",)

TOOL_EVENTS = ("on_tool_start", "on_tool_end", "on_tool_error")


def _listening(handlers: list[Any], event: str) -> list[Any]:
    if event in TOOL_EVENTS:
        return [h for h in handlers if not h.ignore_chain]
    return handlers


def handle_event_(handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any) -> None:
    handle_event(_listening(handlers, event), event, flag, *a, **kw)


async def ahandle_event_(
    handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any
) -> None:
    await ahandle_event(_listening(handlers, event), event, flag, *a, **kw)


for _module in (reference.managers, reference.runs):
    _module.handle_event = handle_event_
    _module.ahandle_event = ahandle_event_
