"""remove_tags removes tags from tags only, never from inheritable_tags.

The removed tag is gone from the manager's own runs but child runs still
carry it.  It also breaks add_tags, which moves a repeated tag by removing
it first: the inheritable list then holds the tag twice.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-04", "STATE-05", "STATE-07")


def remove_tags(self: Any, tags: list[str]) -> None:
    for tag in tags:
        if tag in self.tags:
            self.tags.remove(tag)
        # the bug: self.inheritable_tags is left as it was


reference.managers.BaseCallbackManager.remove_tags = remove_tags  # type: ignore[method-assign]
