"""configure(verbose=True) adds its printing handler as an inheritable handler.

The printer is meant for the configured manager's own runs; added with the
default ``inherit=True`` it is handed down to every child run, so a verbose
chain prints every nested step as well.  It prints what it should at the
top level, so the bug shows only in nested runs.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-06",)

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "manager.add_handler(StdOutCallbackHandler(), inherit=False)",
        "manager.add_handler(StdOutCallbackHandler())",  # the bug: inherit defaults to True
    ),
)
