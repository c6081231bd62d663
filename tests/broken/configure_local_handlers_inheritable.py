"""configure adds local_callbacks as inheritable handlers.

Local handlers belong to the configured manager's own runs only.  Here
they are added with ``add_handler(handler)``, whose ``inherit`` defaults to
true, so they reach every child run too.  The configured manager's own
events are right, which is what a quick check looks at.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-04", "CONF-07", "INHERIT-01")

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "manager.add_handler(handler, inherit=False)",
        "manager.add_handler(handler)",  # the bug: inherit defaults to True
    ),
)
