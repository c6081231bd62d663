"""add_handler returns early for a handler it already holds, so it never becomes inheritable.

"Never add a handler twice" is implemented as "if the handler is already in
``handlers``, do nothing".  A handler first added as local and later added
with ``inherit=True`` then stays local: it never reaches the inheritable
list, and child runs never see it.  Adding the same handler twice with the
same flag behaves correctly, which is the case the rule is usually tested
with.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-01", "STATE-07")


def add_handler(self: Any, handler: Any, inherit: bool = True) -> None:
    if handler in self.handlers:
        return  # the bug: an inherit=True call must still make it inheritable
    self.handlers.append(handler)
    if inherit:
        self.inheritable_handlers.append(handler)


reference.managers.BaseCallbackManager.add_handler = add_handler  # type: ignore[method-assign]
