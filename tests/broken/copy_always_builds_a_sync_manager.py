"""copy, written once on the base class, always builds a CallbackManager.

The base class names the sync manager (``CallbackManager(...)``) where it
should build ``type(self)``: copying an AsyncCallbackManager gives a sync
manager, whose start methods are no longer coroutines.  Copies of sync
managers, the only ones many projects use, are right.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("COPY-01", "STATE-07")


def copy(self: Any) -> Any:
    return reference.managers.CallbackManager(  # the bug: should be type(self)
        handlers=list(self.handlers),
        inheritable_handlers=list(self.inheritable_handlers),
        parent_run_id=self.parent_run_id,
        tags=list(self.tags),
        inheritable_tags=list(self.inheritable_tags),
        metadata=dict(self.metadata),
        inheritable_metadata=dict(self.inheritable_metadata),
    )


reference.managers.BaseCallbackManager.copy = copy  # type: ignore[method-assign]
