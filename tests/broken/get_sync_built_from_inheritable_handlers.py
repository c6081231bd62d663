"""get_sync builds the sync run manager from the run's inheritable handlers.

``get_sync`` was written after ``get_child`` and copied its idea of "what
goes along": the sync view of the run gets the run's *inheritable* handlers
as its handlers.  Events sent through the sync view miss every local
handler of the run (and reach nobody when all handlers are local).
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
        # the bug: the inheritable handlers go along as the handlers, as in get_child
        ("**self._state()", '**{**self._state(), "handlers": list(self.inheritable_handlers)}'),
    )
