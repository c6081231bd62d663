"""The async dispatch awaits the non-inline handlers one after another.

To make the order of deliveries deterministic, ``ahandle_event`` awaits
every handler in turn (inline ones first, then the rest, each group in
registration order) instead of gathering the non-inline ones.  The order
looks right, but a handler that waits for something another handler of the
same event does now waits forever: the handlers no longer run concurrently.
"""

from __future__ import annotations

from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import _ahandle_one

EXPECTED_FAILURES = ("ORDER-03",)


async def ahandle_event(
    handlers: list[Any], event: str, ignore_flag: str | None, *args: Any, **kwargs: Any
) -> None:
    for handler in sorted(handlers, key=lambda h: not h.run_inline):
        await _ahandle_one(handler, event, ignore_flag, args, kwargs)


reference.managers.ahandle_event = ahandle_event
reference.runs.ahandle_event = ahandle_event
