"""Async managers run the run_inline handlers as tasks, one after another.

To give each inline handler its own timeout, the dispatch wraps each call in
``asyncio.ensure_future`` and awaits it.  The order is kept, but a task runs
in a copy of the caller's context: what an inline tracer sets (its current
span) no longer reaches the code that awaited the event.
"""

from __future__ import annotations

import reference.dispatch
import reference.managers
import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CTX-02",)

_patched = edited(
    reference.dispatch.ahandle_event,
    (
        "            await _ahandle_one(handler, event, ignore_flag, args, kwargs)",
        "            await asyncio.ensure_future(\n"
        "                _ahandle_one(handler, event, ignore_flag, args, kwargs)\n"
        "            )",
    ),
)

# The managers and run managers imported the function by name: patch their references.
reference.managers.ahandle_event = _patched
reference.runs.ahandle_event = _patched
