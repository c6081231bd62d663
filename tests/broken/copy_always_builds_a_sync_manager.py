"""copy, written once on the base class, always builds a CallbackManager.

The base class names the sync manager (``CallbackManager(...)``) where it
should build ``type(self)``: copying an AsyncCallbackManager gives a sync
manager, whose start methods are no longer coroutines.  Copies of sync
managers, the only ones many projects use, are right.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("COPY-01", "STATE-07")

reference.managers.BaseCallbackManager.copy = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.copy,
    ("return type(self)(", "return CallbackManager("),  # the bug: should be type(self)
)
