"""The async manager gathers its handlers with return_exceptions=True.

So that one failing handler cannot cancel the others, the concurrent part of
``ahandle_event`` uses ``asyncio.gather(..., return_exceptions=True)`` and
never looks at the results.  Errors are still logged, but a handler with
``raise_error`` can no longer stop the run under the async manager (unless it
happens to be run_inline).
"""

from __future__ import annotations

import reference.dispatch
import reference.managers
import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-02",)

reference.managers.ahandle_event = reference.runs.ahandle_event = edited(
    reference.dispatch.ahandle_event,
    # the bug: the concurrent handlers' exceptions are returned, and never looked at
    ("for h in others))", "for h in others), return_exceptions=True)"),
)
