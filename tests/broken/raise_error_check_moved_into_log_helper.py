"""The raise_error check was moved into the helper that logs handler errors.

A refactor folded ``if handler.raise_error: raise`` into
``_log_handler_error`` ("log, then re-raise if the handler asked").  But
that helper is also what logs ``NotImplementedError`` from events other than
``on_chat_model_start``, which must be logged only and now propagates from
raise_error handlers.  (It also makes an async handler's error under a sync
manager propagate; ERROR-03 accepts that since catalogue 2.0, the fix asked
for upstream.)
"""

from __future__ import annotations

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-04",)

_log = reference.dispatch._log_handler_error


def _log_handler_error(handler: object, event: str, error: BaseException) -> None:
    _log(handler, event, error)
    if getattr(handler, "raise_error", False):
        raise error


reference.dispatch._log_handler_error = _log_handler_error
