"""Events carry parent_run_id as a string, "None" for top-level runs.

To make events JSON-friendly for a tracer, every delivery passes
``parent_run_id=str(parent_run_id)``.  For nested runs the text is right
but the type is not (the documented type is ``UUID | None``, and a string
never equals the parent's UUID); for top-level runs the handlers receive
the four-letter string ``"None"``, which is neither a UUID nor null.
"""

from __future__ import annotations

from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event, handle_event

EXPECTED_FAILURES = ("PAYLOAD-01", "PAYLOAD-03", "PAYLOAD-05")


def _stringify(kwargs: dict[str, Any]) -> dict[str, Any]:
    if "parent_run_id" in kwargs:
        kwargs["parent_run_id"] = str(kwargs["parent_run_id"])
    return kwargs


def handle_event_(handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any) -> None:
    handle_event(handlers, event, flag, *a, **_stringify(kw))


async def ahandle_event_(
    handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any
) -> None:
    await ahandle_event(handlers, event, flag, *a, **_stringify(kw))


for _module in (reference.managers, reference.runs):
    _module.handle_event = handle_event_
    _module.ahandle_event = ahandle_event_
