"""get_child gives the child every handler of the run, local ones included.

The child manager should get only the run's ``inheritable_handlers``; this
one is built from ``run.handlers``, the list the run itself dispatches to.
The two lists are equal whenever every handler was added inheritable (the
common case in examples), which is how the slip survives a casual test.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

# CONF-06 and CONF-07 check what a configured manager's child runs receive.
EXPECTED_FAILURES = ("INHERIT-01", "INHERIT-02", "CONF-06", "CONF-07")

reference.runs._child_of = edited(
    reference.runs._child_of,
    # the bug: should be run.inheritable_handlers
    ("child.set_handlers(run.inheritable_handlers)", "child.set_handlers(run.handlers)"),
)
