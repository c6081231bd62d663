"""Under a sync manager, async handlers' coroutines run last-collected first.

The sync dispatch loop collects the coroutines of async handlers and runs
them once the loop is done.  Here the pending list is drained with
``pending.pop()``, which takes from the end: the usual slip when a list is
emptied like a stack instead of a queue.  Sync handlers keep their order, so
only async handlers under a sync manager see events in reverse order.
"""

from __future__ import annotations

from typing import Any

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ORDER-01",)

_run_on_private_loop = reference.dispatch._run_on_private_loop


def _drain_and_run(pending: list[Any], *rest: Any) -> None:
    drained = []
    while pending:
        drained.append(pending.pop())
    _run_on_private_loop(drained, *rest)


reference.dispatch._run_on_private_loop = _drain_and_run
