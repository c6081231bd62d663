"""get_sync makes the async run the parent of its own sync view.

Confusing ``get_sync`` with ``get_child``, the implementation sets the sync
run manager's ``parent_run_id`` to the async run's ``run_id``.  Events sent
through the sync view claim the run is its own child, and lose the real
parent, so tracers attach them to the wrong place in the tree.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-04",)

# Every async run manager class has its own get_sync, naming its sync class.
for _class in (
    reference.runs.AsyncRunManager,
    reference.runs.AsyncCallbackManagerForLLMRun,
    reference.runs.AsyncCallbackManagerForChainRun,
    reference.runs.AsyncCallbackManagerForToolRun,
    reference.runs.AsyncCallbackManagerForRetrieverRun,
):
    _class.get_sync = edited(
        _class.get_sync,
        # the bug: the run becomes its own parent, as in get_child
        ("**self._state()", '**{**self._state(), "parent_run_id": self.run_id}'),
    )
