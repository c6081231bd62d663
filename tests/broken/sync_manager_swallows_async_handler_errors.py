"""Under a sync manager, an async handler's exception disappears without a trace.

The sync manager runs async handlers' coroutines through a helper that wraps
each one in ``contextlib.suppress(Exception)`` ("a background handler must
never break the caller").  Nothing is logged, and the chat model fallback
(which relies on seeing ``NotImplementedError``) never happens for async
handlers under a sync manager.
"""

from __future__ import annotations

import contextlib
from typing import Any

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ERROR-01", "ERROR-03", "ERROR-04", "CHAT-01", "ORDER-04")

_run_on_private_loop = reference.dispatch._run_on_private_loop


async def _quietly(coroutine: Any) -> None:
    with contextlib.suppress(Exception):
        await coroutine


def _run_quietly(pending: list[Any], *rest: Any) -> None:
    _run_on_private_loop([(h, _quietly(c)) for h, c in pending], *rest)


reference.dispatch._run_on_private_loop = _run_quietly
