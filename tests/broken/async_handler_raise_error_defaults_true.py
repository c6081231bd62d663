"""AsyncCallbackHandler defaults raise_error to True.

"Errors in async code are easy to lose, so async handlers should raise by
default": a deliberate-looking default that contradicts the API, where
``raise_error`` is ``False`` on every handler.  Any async handler that does
not set it now aborts the run it observes on its first exception.
"""

from __future__ import annotations

import reference.handlers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-02", "SURF-01")

reference.handlers.AsyncCallbackHandler.raise_error = True
