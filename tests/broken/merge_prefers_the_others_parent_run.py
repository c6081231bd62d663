"""merge takes the other manager's parent_run_id whenever it has one.

Written ``other.parent_run_id or self.parent_run_id``, by analogy with the
metadata, where the other side wins.  For the parent run the receiver wins:
a merged manager must stay attached to the run it was made for.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-04",)

_merge = reference.managers.BaseCallbackManager.merge


def merge(self: Any, other: Any) -> Any:
    merged = _merge(self, other)
    merged.parent_run_id = other.parent_run_id or self.parent_run_id  # the bug: operands swapped
    return merged


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
