"""The async manager's chain start event carries no metadata.

``AsyncCallbackManager.on_chain_start`` was written before metadata existed
and never got the ``metadata=self.metadata`` keyword its siblings have: a
dropped keyword argument.  Handlers that route or filter chain runs by
metadata see none under the async manager.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event
from reference.runs import AsyncCallbackManagerForChainRun, new_run_id

EXPECTED_FAILURES = ("PAYLOAD-01",)


async def on_chain_start(
    self: Any, serialized: dict[str, Any] | None, inputs: Any, run_id: Any = None, **kwargs: Any
) -> Any:
    if run_id is None:
        run_id = new_run_id()
    await ahandle_event(
        self.handlers,
        "on_chain_start",
        "ignore_chain",
        serialized,
        inputs,
        run_id=run_id,
        parent_run_id=self.parent_run_id,
        tags=self.tags,
        **kwargs,
    )
    return self._bind(AsyncCallbackManagerForChainRun, run_id)


reference.managers.AsyncCallbackManager.on_chain_start = on_chain_start
