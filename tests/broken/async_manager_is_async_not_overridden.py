"""AsyncCallbackManager does not override is_async, so it reports False.

The property lives on ``BaseCallbackManager`` (returning ``False``) and the
async manager was meant to override it; the override was lost in a
reshuffle of the class.  Code that decides whether to await a manager's
methods by reading ``is_async`` now calls coroutines without awaiting them.
"""

from __future__ import annotations

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-01",)

del reference.managers.AsyncCallbackManager.is_async
