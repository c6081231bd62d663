"""A new run manager gets the manager's two handler lists the wrong way round.

``_bind`` passes ``handlers=self.inheritable_handlers`` and
``inheritable_handlers=self.handlers``: two keyword arguments of the same
type, swapped.  Whenever both lists are equal nothing shows; otherwise a
run's events go to the handlers meant for child runs only, and its children
receive the local handlers.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

# Most runs have handlers that are not inheritable, so their run events reach
# nobody: nearly every clause that drives a run event notices.
EXPECTED_FAILURES = (
    "RUN-03",
    "ORDER-01",
    "PAYLOAD-04",
    "IGNORE-01",
    "IGNORE-02",
    "ERROR-01",
    "ERROR-02",
    "ERROR-04",
    "ASYNC-02",
    "ASYNC-04",
    "INHERIT-01",
    "CONF-06",
    "CONF-07",
)

# The bug: two keyword arguments of the same type, swapped.
reference.managers.BaseCallbackManager._bind = edited(
    reference.managers.BaseCallbackManager._bind,
    ("handlers=self.handlers,", "handlers=self.inheritable_handlers,"),
    ("inheritable_handlers=self.inheritable_handlers,", "inheritable_handlers=self.handlers,"),
)
