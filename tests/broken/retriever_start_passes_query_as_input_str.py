"""The sync retriever start passes the query under the tool's parameter name.

``CallbackManager.on_retriever_start`` was copied from ``on_tool_start`` and
still passes its second argument as ``input_str=query``.  The handler's
``on_retriever_start(serialized, query, ...)`` gets no ``query`` (and an
unexpected ``input_str``): real handlers fail with a TypeError that the
manager logs, and the retriever run goes unrecorded.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import handle_event
from reference.runs import CallbackManagerForRetrieverRun, new_run_id

EXPECTED_FAILURES = ("PAYLOAD-01", "PAYLOAD-02")


def on_retriever_start(
    self: Any,
    serialized: dict[str, Any] | None,
    query: str,
    run_id: Any = None,
    parent_run_id: Any = None,
    **kwargs: Any,
) -> Any:
    if run_id is None:
        run_id = new_run_id()
    handle_event(
        self.handlers,
        "on_retriever_start",
        "ignore_retriever",
        serialized,
        input_str=query,
        run_id=run_id,
        parent_run_id=self.parent_run_id,
        tags=self.tags,
        metadata=self.metadata,
        **kwargs,
    )
    return self._bind(CallbackManagerForRetrieverRun, run_id)


reference.managers.CallbackManager.on_retriever_start = on_retriever_start
