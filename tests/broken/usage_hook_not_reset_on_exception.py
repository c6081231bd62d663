"""get_usage_metadata_callback resets its context variable after the yield, without try/finally.

When the ``with`` block ends normally the handler is removed; when it ends
by an exception, the generator is closed at the ``yield`` and the reset
line never runs, so the handler stays active for every manager configured
afterwards in that context, counting usage that is not the block's.  The
happy path is right.
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.usage import UsageMetadataCallbackHandler, _active

EXPECTED_FAILURES = ("UCB-03", "UCB-04")


@contextmanager  # type: ignore[no-redef]  # the binding's get_usage_metadata_callback
def get_usage_metadata_callback(
    name: str = "usage_metadata_callback",
) -> Generator[UsageMetadataCallbackHandler, None, None]:
    handler = UsageMetadataCallbackHandler()
    token = _active.set((*_active.get(), handler))
    yield handler
    _active.reset(token)  # the bug: not in a finally, so skipped when the block raises
