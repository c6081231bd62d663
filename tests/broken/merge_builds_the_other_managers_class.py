"""merge returns a manager of the other operand's class, not of the receiver's.

The result is built with ``type(other)(...)``: merging an
AsyncCallbackManager into a CallbackManager yields an async manager whose
start methods are coroutines the sync caller never awaits.  Merging two
managers of the same class, the usual case, is right.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.managers import _union

EXPECTED_FAILURES = ("MERGE-01",)


def merge(self: Any, other: Any) -> Any:
    return type(other)(  # the bug: should be type(self)
        handlers=_union(self.handlers, other.handlers),
        inheritable_handlers=_union(self.inheritable_handlers, other.inheritable_handlers),
        parent_run_id=self.parent_run_id or other.parent_run_id,
        tags=_union(self.tags, other.tags),
        inheritable_tags=_union(self.inheritable_tags, other.inheritable_tags),
        metadata={**self.metadata, **other.metadata},
        inheritable_metadata={**self.inheritable_metadata, **other.inheritable_metadata},
    )


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
