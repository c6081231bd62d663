"""merge skips the union when the other side is empty and hands back the receiver's own list.

A shortcut for the common case (``other.tags`` empty, say): return
``self.tags`` as the merged list instead of building a new one.  The result
then shares that list with the receiver, so adding to one changes the other.
When both sides hold something the result is built fresh and correct.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.managers import _union

EXPECTED_FAILURES = ("MERGE-05",)


def _merged(mine: list[Any], theirs: list[Any]) -> list[Any]:
    if not theirs:
        return mine  # the bug: the receiver's own list, not a copy
    if not mine:
        return theirs  # likewise the other's
    return _union(mine, theirs)


def merge(self: Any, other: Any) -> Any:
    return type(self)(
        handlers=_merged(self.handlers, other.handlers),
        inheritable_handlers=_merged(self.inheritable_handlers, other.inheritable_handlers),
        parent_run_id=self.parent_run_id or other.parent_run_id,
        tags=_merged(self.tags, other.tags),
        inheritable_tags=_merged(self.inheritable_tags, other.inheritable_tags),
        metadata={**self.metadata, **other.metadata},
        inheritable_metadata={**self.inheritable_metadata, **other.inheritable_metadata},
    )


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
