"""Fresh run ids are random version-4 UUIDs.

The natural choice, and what langchain-core itself did until it moved to
time-ordered ids: ``uuid.uuid4()`` for every run the manager opens.  The ids
are unique, so nothing breaks in a test that only compares them, but a
tracing backend can no longer sort runs or read their start time from the id.
"""

from __future__ import annotations

import uuid

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-05",)

# the bug: uuid4 where a time-ordered id is expected
reference.managers.new_run_id = reference.runs.new_run_id = uuid.uuid4
