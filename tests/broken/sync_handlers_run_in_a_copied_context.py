"""The sync dispatch runs each handler in a copy of the caller's context.

"So that one handler's context variables cannot leak into another's", each
call became ``copy_context().run(method, ...)``.  A tracer that sets its
current span in on_chain_start now sets it in a copy that is thrown away:
the application never sees the span (langfuse issue 16177 describes the
symptom).
"""

from __future__ import annotations

import reference.dispatch
import reference.managers
import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CTX-01",)

_patched = edited(
    reference.dispatch.handle_event,
    (
        "result = getattr(handler, event)(*args, **kwargs)",
        "result = copy_context().run(getattr(handler, event), *args, **kwargs)",
    ),
)

# The managers and run managers imported the function by name: patch their references.
reference.managers.handle_event = _patched
reference.runs.handle_event = _patched
