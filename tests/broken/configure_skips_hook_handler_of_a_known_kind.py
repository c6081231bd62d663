"""configure skips a configure hook's handler when a handler "of its kind" is already there.

To avoid adding the usage handler twice, configure looks for an existing
handler of the same kind, but with the ``isinstance`` test backwards:
``isinstance(handler, type(existing))``.  Every handler is an instance of
``BaseCallbackHandler``, so any plain handler among the inputs, or the outer
block's usage handler, makes configure skip the block's handler.  With no
other handlers (the usual demo) it is added as it should be.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("UCB-01", "UCB-04")

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "if not any(existing is handler for existing in manager.handlers):",
        # the bug: the isinstance test is backwards (and by kind, not identity)
        "if not any(isinstance(handler, type(existing)) for existing in manager.handlers):",
    ),
)
