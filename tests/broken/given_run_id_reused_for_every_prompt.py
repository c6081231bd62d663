"""A run_id given to a multi-prompt start becomes the id of every run.

The helper that picks one id per run reads "the caller's id, or a fresh
one", for each run: ``[run_id if run_id is not None else uuid4() ...]``.
The rule is that the given id names the *first* run only; here all the runs
of a multi-prompt LLM or chat model start share it, and handlers that key
their state by run id merge them.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.runs import new_run_id

EXPECTED_FAILURES = ("RUN-02",)


def _run_ids(count: int, run_id: Any) -> list[Any]:
    return [run_id if run_id is not None else new_run_id() for _ in range(count)]


reference.managers._run_ids = _run_ids
