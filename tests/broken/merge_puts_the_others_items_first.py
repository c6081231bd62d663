"""merge lists the other manager's handlers and tags before the receiver's.

The union is built as ``_union(other.x, self.x)``: the same items, no
duplicates, but the other manager's come first, so the merged manager calls
its handlers in a different order than the receiver did.  The content of
every list is right; only the order (a SHOULD) is not.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.managers import _union

EXPECTED_FAILURES = ("MERGE-06",)


def merge(self: Any, other: Any) -> Any:
    return type(self)(  # the bug: each union starts from the other's list
        handlers=_union(other.handlers, self.handlers),
        inheritable_handlers=_union(other.inheritable_handlers, self.inheritable_handlers),
        parent_run_id=self.parent_run_id or other.parent_run_id,
        tags=_union(other.tags, self.tags),
        inheritable_tags=_union(other.inheritable_tags, self.inheritable_tags),
        metadata={**self.metadata, **other.metadata},
        inheritable_metadata={**self.inheritable_metadata, **other.inheritable_metadata},
    )


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
