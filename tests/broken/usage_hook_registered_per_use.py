"""get_usage_metadata_callback creates and registers a new configure hook on every use.

Each call makes a fresh context variable and registers it as a configure
hook, and the hook registry is never pruned: it grows by one entry (and one
context variable) per use, forever, and every configure() walks it.  The
behaviour is right; only the retained memory grows (this is the leak of
langchain-core 1.7, issue 32300).
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager
from contextvars import ContextVar

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.handlers import BaseCallbackHandler
from reference.hooks import register_configure_hook
from reference.usage import UsageMetadataCallbackHandler

EXPECTED_FAILURES = ("UCB-05",)


@contextmanager  # type: ignore[no-redef]  # the binding's get_usage_metadata_callback
def get_usage_metadata_callback(
    name: str = "usage_metadata_callback",
) -> Generator[UsageMetadataCallbackHandler, None, None]:
    handler = UsageMetadataCallbackHandler()
    var: ContextVar[tuple[BaseCallbackHandler, ...]] = ContextVar(name, default=())
    register_configure_hook(var, inheritable=True)  # the bug: a new hook per use, kept forever
    token = var.set((handler,))
    try:
        yield handler
    finally:
        var.reset(token)
