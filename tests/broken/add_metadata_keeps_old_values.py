"""add_metadata lets the values already held win over the new ones.

The merge is written ``{**new, **self.metadata}`` instead of
``{**self.metadata, **new}``: new keys are added, but a key already present
keeps its old value.  Adding fresh keys, the common case, works.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-06", "STATE-07")

# The bug: the operands of both dict merges swapped.
reference.managers.BaseCallbackManager.add_metadata = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.add_metadata,
    ("{**self.metadata, **metadata}", "{**metadata, **self.metadata}"),
    ("{**self.inheritable_metadata, **metadata}", "{**metadata, **self.inheritable_metadata}"),
)
