"""get_sync makes the async run the parent of its own sync view.

Confusing ``get_sync`` with ``get_child``, the implementation sets the sync
run manager's ``parent_run_id`` to the async run's ``run_id``.  Events sent
through the sync view claim the run is its own child, and lose the real
parent, so tracers attach them to the wrong place in the tree.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-04",)

_state = reference.runs.BaseRunManager._state


def _sync_state(self: Any) -> dict[str, Any]:
    return {**_state(self), "parent_run_id": self.run_id}


def _get_sync(sync_class: type) -> Any:
    def get_sync(self: Any) -> Any:
        return sync_class(**_sync_state(self))

    return get_sync


for _async_class, _sync_class in [
    (reference.runs.AsyncRunManager, reference.runs.RunManager),
    (reference.runs.AsyncCallbackManagerForLLMRun, reference.runs.CallbackManagerForLLMRun),
    (reference.runs.AsyncCallbackManagerForChainRun, reference.runs.CallbackManagerForChainRun),
    (reference.runs.AsyncCallbackManagerForToolRun, reference.runs.CallbackManagerForToolRun),
    (
        reference.runs.AsyncCallbackManagerForRetrieverRun,
        reference.runs.CallbackManagerForRetrieverRun,
    ),
]:
    _async_class.get_sync = _get_sync(_sync_class)
