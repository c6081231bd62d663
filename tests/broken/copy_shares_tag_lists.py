"""copy gives the new manager the original's tag lists instead of copies of them.

Handlers and metadata are copied, but the two tag lists are passed on as
they are (``tags=self.tags``): adding a tag to a copy adds it to the
original, and to every other copy.  ``add_metadata`` replaces its dicts, so
only the in-place list operations of ``add_tags`` and ``remove_tags``
expose the sharing.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("COPY-02", "STATE-07")


def copy(self: Any) -> Any:
    return type(self)(
        handlers=list(self.handlers),
        inheritable_handlers=list(self.inheritable_handlers),
        parent_run_id=self.parent_run_id,
        tags=self.tags,  # the bug: the same list objects, not copies
        inheritable_tags=self.inheritable_tags,
        metadata=dict(self.metadata),
        inheritable_metadata=dict(self.inheritable_metadata),
    )


reference.managers.BaseCallbackManager.copy = copy  # type: ignore[method-assign]
