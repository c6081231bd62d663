"""A failing handler's warning names its class and the error, but not the event.

``Error in TracingHandler callback: ValueError('boom')`` reads well until a
handler fails in one event of thirty and the log does not say which.  The
message was shortened to fit one line of a dashboard.
"""

from __future__ import annotations

import reference.dispatch
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-01",)

reference.dispatch._log_handler_error = edited(
    reference.dispatch._log_handler_error,
    # the bug: the event left out of the message
    (
        '"%s in %s.%s callback: %r", kind, type(handler).__name__, event, error',
        '"%s in %s callback: %r", kind, type(handler).__name__, error',
    ),
)
