"""remove_handler removes the handler from handlers only; it stays in inheritable_handlers.

The manager's own runs stop calling the handler, so the removal looks done,
but every child run still gets it through the inheritable list.  A removal
written against ``handlers`` alone is the natural first version of the
method.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-02", "STATE-07")


def remove_handler(self: Any, handler: Any) -> None:
    if handler in self.handlers:
        self.handlers.remove(handler)
    # the bug: the inheritable list is left as it was


reference.managers.BaseCallbackManager.remove_handler = remove_handler  # type: ignore[method-assign]
