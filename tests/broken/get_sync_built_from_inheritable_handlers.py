"""get_sync builds the sync run manager from the run's inheritable handlers.

``get_sync`` was written after ``get_child`` and copied its idea of "what
goes along": the sync view of the run gets the run's *inheritable* handlers
as its handlers.  Events sent through the sync view miss every local
handler of the run (and reach nobody when all handlers are local).
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-04",)

_state = reference.runs.BaseRunManager._state


def _sync_state(self: Any) -> dict[str, Any]:
    return {**_state(self), "handlers": list(self.inheritable_handlers)}


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
