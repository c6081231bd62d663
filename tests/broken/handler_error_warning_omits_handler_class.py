"""The warning about a failing handler names the event but not the handler.

The log message was shortened to ``"Error in on_chain_start callback: ..."``.
With several handlers registered, nobody can tell from the log which one
failed.
"""

from __future__ import annotations

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-01",)


def _log_handler_error(handler: object, event: str, error: BaseException) -> None:
    reference.dispatch.log_warning("Error in %s callback: %r", event, error)


reference.dispatch._log_handler_error = _log_handler_error
