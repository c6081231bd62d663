"""set_handlers replaces handlers but adds to the old inheritable_handlers.

``set_handlers`` clears ``handlers`` and then adds each new handler, but
forgets to clear ``inheritable_handlers`` first: the handlers it was meant
to replace are still handed down to child runs.  The manager's own runs use
exactly the new handlers, so the bug only shows one level down.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-03", "STATE-07")

reference.managers.BaseCallbackManager.set_handlers = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.set_handlers,
    ("    self.inheritable_handlers = []\n", ""),  # the bug: not reset
)
