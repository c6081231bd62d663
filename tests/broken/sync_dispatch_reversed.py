"""Sync dispatch calls the handlers last-registered first.

The kind of slip a refactor of the dispatch loop makes (iterating a list
built by prepending).  Async dispatch is untouched.
"""

from __future__ import annotations

from typing import Any

import reference.dispatch
import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ORDER-01",)

_deliver = reference.dispatch.handle_event


def handle_event(handlers: list[Any], *args: Any, **kwargs: Any) -> None:
    _deliver(handlers[::-1], *args, **kwargs)


reference.managers.handle_event = handle_event  # type: ignore[assignment]
reference.runs.handle_event = handle_event  # type: ignore[assignment]
