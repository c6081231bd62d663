"""remove_tags removes tags from tags only, never from inheritable_tags.

The removed tag is gone from the manager's own runs but child runs still
carry it.  It also breaks add_tags, which moves a repeated tag by removing
it first: the inheritable list then holds the tag twice.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-04", "STATE-05", "STATE-07")

reference.managers.BaseCallbackManager.remove_tags = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.remove_tags,
    (
        "        if tag in self.inheritable_tags:\n            self.inheritable_tags.remove(tag)\n",
        "",  # the bug: self.inheritable_tags is left as it was
    ),
)
