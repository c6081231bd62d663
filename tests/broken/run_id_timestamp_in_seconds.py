"""Fresh run ids carry their time in seconds where UUID version 7 wants milliseconds.

A unit slip in the reference's id maker (``// 10**9`` for ``// 10**6``).
The ids are still version 7, unique and increasing, so every ordering check
passes; only reading the time back from an id shows runs from January 1970.
"""

from __future__ import annotations

import reference.ids
import reference.managers
import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-05",)

reference.managers.new_run_id = reference.runs.new_run_id = edited(
    reference.ids.new_run_id,
    # the bug: seconds, not milliseconds
    ("now_ms = time.time_ns() // 1_000_000", "now_ms = time.time_ns() // 1_000_000_000"),
)
