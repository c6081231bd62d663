"""on_tool_start reports its own parent_run_id argument instead of the manager's.

``CallbackManager.on_tool_start`` accepts a ``parent_run_id`` parameter (for
signature compatibility) and the start event is built with
``parent_run_id=parent_run_id``, the argument, rather than
``self.parent_run_id``.  Callers never pass it, so every tool run looks like
a top-level run and drops out of its parent's trace.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import handle_event
from reference.runs import CallbackManagerForToolRun, new_run_id

EXPECTED_FAILURES = ("PAYLOAD-01",)


def on_tool_start(
    self: Any,
    serialized: dict[str, Any] | None,
    input_str: str,
    run_id: Any = None,
    parent_run_id: Any = None,
    inputs: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    if run_id is None:
        run_id = new_run_id()
    handle_event(
        self.handlers,
        "on_tool_start",
        "ignore_agent",
        serialized,
        input_str,
        run_id=run_id,
        parent_run_id=parent_run_id,
        tags=self.tags,
        metadata=self.metadata,
        inputs=inputs,
        **kwargs,
    )
    return self._bind(CallbackManagerForToolRun, run_id)


reference.managers.CallbackManager.on_tool_start = on_tool_start
