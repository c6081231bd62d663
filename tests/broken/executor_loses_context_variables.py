"""Handlers sent to another thread run in an empty context, not a copy.

The dispatch builds the context for worker threads with
``contextvars.Context()`` where it meant ``contextvars.copy_context()``: the
constructor makes an *empty* context.  Sync handlers that the async manager
runs in its executor see every context variable at its default (request
ids, tracing context, the handler of ``get_usage_metadata_callback``...).
"""

from __future__ import annotations

import contextvars

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-03",)

reference.dispatch.copy_context = contextvars.Context
