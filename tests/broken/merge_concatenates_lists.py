"""merge concatenates the operands' lists, so shared handlers and tags appear twice.

``self.handlers + other.handlers`` is the one-line union that forgets about
items both managers hold: a handler registered on both sides then receives
every event twice.  Disjoint managers merge correctly.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-02",)

# The bug: + keeps the items both operands hold twice.
reference.managers.BaseCallbackManager.merge = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.merge,
    ("_union(self.handlers, other.handlers)", "self.handlers + other.handlers"),
    (
        "_union(self.inheritable_handlers, other.inheritable_handlers)",
        "self.inheritable_handlers + other.inheritable_handlers",
    ),
    ("_union(self.tags, other.tags)", "self.tags + other.tags"),
    (
        "_union(self.inheritable_tags, other.inheritable_tags)",
        "self.inheritable_tags + other.inheritable_tags",
    ),
)
