"""merge lists the other manager's handlers and tags before the receiver's.

The union is built as ``_union(other.x, self.x)``: the same items, no
duplicates, but the other manager's come first, so the merged manager calls
its handlers in a different order than the receiver did.  The content of
every list is right; only the order (a SHOULD) is not.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-06",)

# The bug: each union starts from the other's list.
reference.managers.BaseCallbackManager.merge = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.merge,
    ("_union(self.handlers, other.handlers)", "_union(other.handlers, self.handlers)"),
    (
        "_union(self.inheritable_handlers, other.inheritable_handlers)",
        "_union(other.inheritable_handlers, self.inheritable_handlers)",
    ),
    ("_union(self.tags, other.tags)", "_union(other.tags, self.tags)"),
    (
        "_union(self.inheritable_tags, other.inheritable_tags)",
        "_union(other.inheritable_tags, self.inheritable_tags)",
    ),
)
