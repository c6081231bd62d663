"""add_metadata lets the values already held win over the new ones.

The merge is written ``{**new, **self.metadata}`` instead of
``{**self.metadata, **new}``: new keys are added, but a key already present
keeps its old value.  Adding fresh keys, the common case, works.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-06", "STATE-07")


def add_metadata(self: Any, metadata: dict[str, Any], inherit: bool = True) -> None:
    self.metadata = {**metadata, **self.metadata}  # the bug: operands swapped
    if inherit:
        self.inheritable_metadata = {**metadata, **self.inheritable_metadata}


reference.managers.BaseCallbackManager.add_metadata = add_metadata  # type: ignore[method-assign]
