"""A sync manager runs async handlers with asyncio.run, even inside a running loop.

The running-loop case was forgotten: async handlers' coroutines always go
to ``asyncio.run``, which refuses to start inside a running loop.  A sync
manager used from a coroutine (common: sync code called from an async
framework) raises ``RuntimeError`` from every event that has an async
handler, and the handlers never run.
"""

from __future__ import annotations

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-02",)

reference.dispatch._run_coroutines = reference.dispatch._run_on_private_loop
