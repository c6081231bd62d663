"""merge lets the receiver's metadata win over the other manager's.

``{**other.metadata, **self.metadata}`` reads naturally as "start from the
other, keep mine", but the rule is the reverse: the other manager's values
win on equal keys.  Keys present on one side only merge correctly, which is
the common case.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-03",)

_merge = reference.managers.BaseCallbackManager.merge


def merge(self: Any, other: Any) -> Any:
    merged = _merge(self, other)
    # the bug: the operands of both dict merges swapped
    merged.metadata = {**other.metadata, **self.metadata}
    merged.inheritable_metadata = {**other.inheritable_metadata, **self.inheritable_metadata}
    return merged


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
