"""add_tags skips a tag it already holds instead of moving it to the end.

Avoiding duplicate tags with ``if tag not in self.tags`` is the obvious way
to write it, but the rule is to move a repeated tag to the end and let the
latest call decide whether it is inheritable.  Here a repeated tag keeps its
old place and its old inheritability.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-04", "STATE-07")


def add_tags(self: Any, tags: list[str], inherit: bool = True) -> None:
    for tag in tags:
        if tag in self.tags:
            continue  # the bug: should be removed everywhere and appended again
        self.tags.append(tag)
        if inherit:
            self.inheritable_tags.append(tag)


reference.managers.BaseCallbackManager.add_tags = add_tags  # type: ignore[method-assign]
