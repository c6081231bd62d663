"""A sync manager called inside a running loop schedules async handlers as tasks.

When an event loop is running in the caller's thread, the sync manager
hands the async handlers' coroutines to that loop (``loop.create_task``)
instead of running them on a worker thread and waiting.  It avoids a
deadlock, but the manager's method returns before the handlers have run:
they run whenever the caller next yields, possibly after the run has ended.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-02",)

_run_on_private_loop = reference.dispatch._run_on_private_loop
_scheduled: set[asyncio.Task[Any]] = set()  # kept alive until done, never waited for


def _run_coroutines(pending: list[Any], *rest: Any) -> None:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        _run_on_private_loop(pending, *rest)
    else:
        for _handler, coroutine in pending:
            task = loop.create_task(coroutine)
            _scheduled.add(task)
            task.add_done_callback(_scheduled.discard)


reference.dispatch._run_coroutines = _run_coroutines
