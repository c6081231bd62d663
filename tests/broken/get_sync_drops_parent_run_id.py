"""get_sync builds the sync run manager without the run's parent_run_id.

The sync view is built field by field (run id, handlers, tags, metadata)
and ``parent_run_id`` is left out, so it defaults to None.  Events sent
through the sync view (a sync callback inside an async chain, say) look
like those of a root run, and tracers detach them from their parent.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-04",)

_state = reference.runs.BaseRunManager._state


def _get_sync(sync_class: type) -> Any:
    def get_sync(self: Any) -> Any:
        state = _state(self)
        del state["parent_run_id"]
        return sync_class(**state)

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
