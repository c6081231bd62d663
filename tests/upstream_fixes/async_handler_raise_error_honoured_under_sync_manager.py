"""The fix asked for upstream (langchain issue 8051; langchain-core's ``_run_coros`` calls the
current behaviour "a pre-existing asymmetry"): under a sync manager an async handler with
``raise_error`` true has its exception logged and then propagated to the caller, as a sync
handler's would be.  The suite must pass it (ERROR-03).
"""

from __future__ import annotations

from broken._mutation import edited

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the fix is patched in below)

reference.dispatch._run_on_private_loop = edited(
    reference.dispatch._run_on_private_loop,
    (
        "# ``raise_error`` says.\n                _log_handler_error(handler, event, error)",
        "# ``raise_error`` says.\n                _log_handler_error(handler, event, error)\n"
        "                if handler.raise_error:\n                    raise",
    ),
)
