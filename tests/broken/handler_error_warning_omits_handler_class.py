"""The warning about a failing handler names the event but not the handler.

The log message was shortened to ``"Error in on_chain_start callback: ..."``.
With several handlers registered, nobody can tell from the log which one
failed.
"""

from __future__ import annotations

import reference.dispatch
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-01",)

reference.dispatch._log_handler_error = edited(
    reference.dispatch._log_handler_error,
    # the bug: the message shortened, the handler's class left out
    (
        '"%s in %s.%s callback: %r", kind, type(handler).__name__, event, error',
        '"%s in %s callback: %r", kind, event, error',
    ),
)
