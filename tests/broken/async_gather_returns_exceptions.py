"""The async manager gathers its handlers with return_exceptions=True.

So that one failing handler cannot cancel the others, the concurrent part of
``ahandle_event`` uses ``asyncio.gather(..., return_exceptions=True)`` and
never looks at the results.  Errors are still logged, but a handler with
``raise_error`` can no longer stop the run under the async manager (unless it
happens to be run_inline).
"""

from __future__ import annotations

import asyncio
from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import _ahandle_one

EXPECTED_FAILURES = ("ERROR-02",)


async def ahandle_event(
    handlers: list[Any], event: str, ignore_flag: str | None, *args: Any, **kwargs: Any
) -> None:
    for handler in handlers:
        if handler.run_inline:
            await _ahandle_one(handler, event, ignore_flag, args, kwargs)
    others = [h for h in handlers if not h.run_inline]
    await asyncio.gather(
        *(_ahandle_one(h, event, ignore_flag, args, kwargs) for h in others),
        return_exceptions=True,
    )


reference.managers.ahandle_event = ahandle_event
reference.runs.ahandle_event = ahandle_event
