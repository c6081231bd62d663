"""get_sync builds the sync run manager without the run's parent_run_id.

The sync view is built field by field (run id, handlers, tags, metadata)
and ``parent_run_id`` is left out, so it defaults to None.  Events sent
through the sync view (a sync callback inside an async chain, say) look
like those of a root run, and tracers detach them from their parent.
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
        # the bug: parent_run_id is left out, so it defaults to None
        ("**self._state()", '**{k: v for k, v in self._state().items() if k != "parent_run_id"}'),
    )
