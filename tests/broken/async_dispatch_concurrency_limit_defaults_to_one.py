"""The async dispatch limits concurrent handlers, with a default limit of 1.

A concurrency cap was added to ``ahandle_event`` (a semaphore around each
non-inline handler) so that hundreds of handlers cannot flood the loop.
Its default, ``1``, was meant as "one at a time per handler" but applies to
the whole event: the handlers of one event now run strictly one after the
other, and one that waits for another never sees it run.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import _ahandle_one

EXPECTED_FAILURES = ("ORDER-03",)

MAX_CONCURRENT_HANDLERS = 1


async def ahandle_event(
    handlers: list[Any], event: str, ignore_flag: str | None, *args: Any, **kwargs: Any
) -> None:
    for handler in handlers:
        if handler.run_inline:
            await _ahandle_one(handler, event, ignore_flag, args, kwargs)
    limit = asyncio.Semaphore(MAX_CONCURRENT_HANDLERS)

    async def limited(handler: Any) -> None:
        async with limit:
            await _ahandle_one(handler, event, ignore_flag, args, kwargs)

    await asyncio.gather(*(limited(h) for h in handlers if not h.run_inline))


reference.managers.ahandle_event = ahandle_event
reference.runs.ahandle_event = ahandle_event
