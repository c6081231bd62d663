"""merge builds its result on the receiver's own containers and adds the other's items to them.

The result is created around ``self.handlers``, ``self.tags`` and so on,
then the other manager's missing items are appended and its metadata
``update``-d in.  The merged content is right, but the containers are the
receiver's: merging changes the receiver, and later changes to the result
change it too.  Adopting the receiver's lists saves four copies and reads
like "self plus the other's new items".

Built on a constructor that keeps the caller's lists, as langchain-core's
does (``broken._adopting``): behind the reference's copying constructor the
missing copy would not show.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from broken._adopting import adopt_callers_containers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-05", "STATE-07", "STATE-08")

adopt_callers_containers()


def merge(self: Any, other: Any) -> Any:
    merged = type(self)(  # the bug: the receiver's containers, not copies
        handlers=self.handlers,
        inheritable_handlers=self.inheritable_handlers,
        parent_run_id=self.parent_run_id or other.parent_run_id,
        tags=self.tags,
        inheritable_tags=self.inheritable_tags,
        metadata=self.metadata,
        inheritable_metadata=self.inheritable_metadata,
    )
    for name in ("handlers", "inheritable_handlers", "tags", "inheritable_tags"):
        mine = getattr(merged, name)
        for item in getattr(other, name):
            if item not in mine:
                mine.append(item)
    merged.metadata.update(other.metadata)
    merged.inheritable_metadata.update(other.inheritable_metadata)
    return merged


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
