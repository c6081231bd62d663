"""get_usage_metadata_callback adds its handler to the context variable and never takes it out.

Written as if a context variable went back to its old value by itself at
the end of the ``with`` block: there is no ``reset``.  Every block's handler
stays active for the rest of the thread, so each later manager gets every
handler of every earlier block, and all of them count usage that is not
theirs.  Inside a first block everything looks right.
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.usage import UsageMetadataCallbackHandler, _active

EXPECTED_FAILURES = ("UCB-03", "UCB-04", "UCB-05")


@contextmanager  # type: ignore[no-redef]  # the binding's get_usage_metadata_callback
def get_usage_metadata_callback(
    name: str = "usage_metadata_callback",
) -> Generator[UsageMetadataCallbackHandler, None, None]:
    handler = UsageMetadataCallbackHandler()
    _active.set((*_active.get(), handler))  # the bug: the token is dropped, never reset
    yield handler
