"""The async manager's retriever start forgets to pass run_id on.

A wrapper around ``AsyncCallbackManager.on_retriever_start`` gives nameless
retrievers a ``serialized`` of their own and forwards the other arguments it
cares about by name: ``run_id`` is not among them.  Every async retriever
run gets a fresh id even when the caller chose one.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-02",)

_on_retriever_start = reference.managers.AsyncCallbackManager.on_retriever_start


async def on_retriever_start(
    self: Any,
    serialized: dict[str, Any] | None,
    query: str,
    run_id: Any = None,
    parent_run_id: Any = None,
    **kwargs: Any,
) -> Any:
    serialized = serialized if serialized is not None else {"name": "retriever"}
    return await _on_retriever_start(self, serialized, query, parent_run_id=parent_run_id, **kwargs)


reference.managers.AsyncCallbackManager.on_retriever_start = on_retriever_start
