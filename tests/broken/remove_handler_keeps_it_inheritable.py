"""remove_handler removes the handler from handlers only; it stays in inheritable_handlers.

The manager's own runs stop calling the handler, so the removal looks done,
but every child run still gets it through the inheritable list.  A removal
written against ``handlers`` alone is the natural first version of the
method.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-02", "STATE-07")

reference.managers.BaseCallbackManager.remove_handler = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.remove_handler,
    (
        "    if handler in self.inheritable_handlers:\n"
        "        self.inheritable_handlers.remove(handler)\n",
        "",  # the bug: the inheritable list is left as it was
    ),
)
