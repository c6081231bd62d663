"""Async run managers leave parent_run_id out of the events they deliver.

``AsyncRunManager._aemit`` passes ``run_id`` and ``tags`` but not
``parent_run_id``: a dropped keyword argument, invisible for top-level runs
(whose parent is ``None`` anyway).  For a nested run under the async
manager, the end, error and intermediate events no longer say which run
they belong under.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-03",)

reference.runs.AsyncRunManager._aemit = edited(
    reference.runs.AsyncRunManager._aemit,
    ("parent_run_id=self.parent_run_id,", ""),  # the bug: run_id and tags only
)
