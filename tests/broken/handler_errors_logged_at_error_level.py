"""Handler errors are logged at ERROR level instead of WARNING.

The dispatch's logging helper calls ``logger.error``: an exception in a
callback "is an error, after all".  The contract is a WARNING (the run goes
on; it is the handler that failed), and log filters and alerting set up for
callback warnings no longer see these messages.
"""

from __future__ import annotations

import reference.dispatch
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-01", "ERROR-03", "ERROR-04")

reference.dispatch.log_warning = edited(
    reference.dispatch.log_warning,
    ("_logger.warning(message, *args)", "_logger.error(message, *args)"),  # the bug: ERROR level
)
