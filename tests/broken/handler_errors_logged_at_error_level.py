"""Handler errors are logged at ERROR level instead of WARNING.

The dispatch's logging helper calls ``logger.error``: an exception in a
callback "is an error, after all".  The contract is a WARNING (the run goes
on; it is the handler that failed), and log filters and alerting set up for
callback warnings no longer see these messages.
"""

from __future__ import annotations

import logging

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-01", "ERROR-03", "ERROR-04")


def log_warning(message: str, *args: object) -> None:
    logging.getLogger(reference.dispatch.LOGGER_NAME).error(message, *args)


reference.dispatch.log_warning = log_warning
