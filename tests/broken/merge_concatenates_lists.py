"""merge concatenates the operands' lists, so shared handlers and tags appear twice.

``self.handlers + other.handlers`` is the one-line union that forgets about
items both managers hold: a handler registered on both sides then receives
every event twice.  Disjoint managers merge correctly.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-02",)


def merge(self: Any, other: Any) -> Any:
    return type(self)(  # the bug: + keeps the items both operands hold twice
        handlers=self.handlers + other.handlers,
        inheritable_handlers=self.inheritable_handlers + other.inheritable_handlers,
        parent_run_id=self.parent_run_id or other.parent_run_id,
        tags=self.tags + other.tags,
        inheritable_tags=self.inheritable_tags + other.inheritable_tags,
        metadata={**self.metadata, **other.metadata},
        inheritable_metadata={**self.inheritable_metadata, **other.inheritable_metadata},
    )


reference.managers.BaseCallbackManager.merge = merge  # type: ignore[method-assign]
