"""copy gives the new manager the original's tag lists instead of copies of them.

Handlers and metadata are copied, but the two tag lists are passed on as
they are (``tags=self.tags``): adding a tag to a copy adds it to the
original, and to every other copy.  ``add_metadata`` replaces its dicts, so
only the in-place list operations of ``add_tags`` and ``remove_tags``
expose the sharing.

Built on a constructor that keeps the caller's lists, as langchain-core's
does (``broken._adopting``): behind the reference's copying constructor the
missing copy would not show.
"""

from __future__ import annotations

import reference.managers
from broken._adopting import adopt_callers_containers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("COPY-02", "STATE-07", "STATE-08")

adopt_callers_containers()

# The bug: the same list objects, not copies.
reference.managers.BaseCallbackManager.copy = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.copy,
    ("list(self.tags)", "self.tags"),
    ("list(self.inheritable_tags)", "self.inheritable_tags"),
)
