"""copy copies every container but leaves out parent_run_id.

The copy is written as "a fresh manager with copies of each list and
dict", and ``parent_run_id``, the one field that is not a container, is
forgotten: a copied child manager starts runs that claim to have no parent.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("COPY-01", "STATE-07")


def copy(self: Any) -> Any:
    return type(self)(  # the bug: parent_run_id=self.parent_run_id is missing
        handlers=list(self.handlers),
        inheritable_handlers=list(self.inheritable_handlers),
        tags=list(self.tags),
        inheritable_tags=list(self.inheritable_tags),
        metadata=dict(self.metadata),
        inheritable_metadata=dict(self.inheritable_metadata),
    )


reference.managers.BaseCallbackManager.copy = copy  # type: ignore[method-assign]
