"""get_noop_manager gives its run manager no run id.

"A no-op run reaches nobody, so it needs no id": the run manager is built
with ``run_id=None``.  Code that logs or keys by ``run_manager.run_id``
(the documented type is ``UUID``) breaks on it, and so does ``get_child``,
whose parent id becomes ``None``.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-04",)

reference.runs.BaseRunManager.get_noop_manager = edited(
    reference.runs.BaseRunManager.get_noop_manager,
    ("run_id=new_run_id()", "run_id=None"),  # the bug: "a no-op run needs no id"
)
