"""copy copies every container but leaves out parent_run_id.

The copy is written as "a fresh manager with copies of each list and
dict", and ``parent_run_id``, the one field that is not a container, is
forgotten: a copied child manager starts runs that claim to have no parent.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("COPY-01", "STATE-07")

reference.managers.BaseCallbackManager.copy = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.copy,
    ("parent_run_id=self.parent_run_id,", ""),  # the bug: the one field that is not a container
)
