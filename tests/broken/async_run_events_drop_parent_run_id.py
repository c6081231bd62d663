"""Async run managers leave parent_run_id out of the events they deliver.

``AsyncRunManager._aemit`` passes ``run_id`` and ``tags`` but not
``parent_run_id``: a dropped keyword argument, invisible for top-level runs
(whose parent is ``None`` anyway).  For a nested run under the async
manager, the end, error and intermediate events no longer say which run
they belong under.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event

EXPECTED_FAILURES = ("PAYLOAD-03",)


async def _aemit(
    self: Any, event: str, ignore_flag: str | None, arg: Any, kwargs: dict[str, Any]
) -> None:
    if self.handlers:
        await ahandle_event(
            self.handlers, event, ignore_flag, arg, run_id=self.run_id, tags=self.tags, **kwargs
        )


reference.runs.AsyncRunManager._aemit = _aemit
