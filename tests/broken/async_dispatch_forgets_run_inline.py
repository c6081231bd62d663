"""The async dispatch gathers every handler at once, run_inline ones included.

``ahandle_event`` was simplified to a single ``asyncio.gather`` over all
handlers; the separate, ordered pass over the ``run_inline`` handlers was
forgotten.  Inline handlers still run on the loop's thread, but no longer
before the others.  (Multi-prompt LLM starts split the handlers themselves
and are unaffected.)
"""

from __future__ import annotations

import asyncio
from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import _ahandle_one

EXPECTED_FAILURES = ("ORDER-02",)


async def ahandle_event(
    handlers: list[Any], event: str, ignore_flag: str | None, *args: Any, **kwargs: Any
) -> None:
    await asyncio.gather(*(_ahandle_one(h, event, ignore_flag, args, kwargs) for h in handlers))


reference.managers.ahandle_event = ahandle_event
reference.runs.ahandle_event = ahandle_event
