"""A nested get_usage_metadata_callback block replaces the outer handler instead of adding to it.

The context variable is set to ``(handler,)`` rather than to the outer
handlers plus this one, so inside an inner block only the inner handler
counts: the outer total misses the inner block's usage.  Unnested blocks,
the common case, are right, and the outer handler is back after the inner
block ends.
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.usage import UsageMetadataCallbackHandler, _active

EXPECTED_FAILURES = ("UCB-04",)


@contextmanager  # type: ignore[no-redef]  # the binding's get_usage_metadata_callback
def get_usage_metadata_callback(
    name: str = "usage_metadata_callback",
) -> Generator[UsageMetadataCallbackHandler, None, None]:
    handler = UsageMetadataCallbackHandler()
    token = _active.set((handler,))  # the bug: the outer blocks' handlers are dropped
    try:
        yield handler
    finally:
        _active.reset(token)
