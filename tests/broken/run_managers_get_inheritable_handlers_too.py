"""Run managers deliver to the manager's inheritable handlers as well.

The run manager is built with the union of ``handlers`` and
``inheritable_handlers``, on the belief that the inheritable handlers are a
subset of the handlers anyway.  They need not be: a manager holding a
handler only as inheritable (meant for child runs) now also sends it the
events of its own runs.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-03",)

reference.managers.BaseCallbackManager._bind = edited(
    reference.managers.BaseCallbackManager._bind,
    # the bug: every handler of the manager, local or inheritable
    ("handlers=self.handlers,", "handlers=_union(self.handlers, self.inheritable_handlers),"),
)
