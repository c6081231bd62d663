"""get_sync returns a plain RunManager for every kind of run.

``get_sync`` is written once, on ``AsyncRunManager`` ("same state, sync
methods"), and the per-kind overrides are never added.  The sync view of an
LLM, chain, tool or retriever run has the run's id, parent and handlers, and
its ``on_text`` works, but it lacks the kind's own methods: a sync callback
inside an async chain cannot end the run (``on_chain_end`` is missing).
"""

from __future__ import annotations

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-04",)

for _async_class in (
    reference.runs.AsyncCallbackManagerForLLMRun,
    reference.runs.AsyncCallbackManagerForChainRun,
    reference.runs.AsyncCallbackManagerForToolRun,
    reference.runs.AsyncCallbackManagerForRetrieverRun,
):
    del _async_class.get_sync  # the base class's get_sync (a plain RunManager) is used
