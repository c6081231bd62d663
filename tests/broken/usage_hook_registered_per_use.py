"""get_usage_metadata_callback creates and registers a new configure hook on every use.

Each call makes a fresh context variable and registers it as a configure
hook, and the hook registry is never pruned: it grows by one entry (and one
context variable) per use, forever, and every configure() walks it.  The
behaviour is right; only the retained memory grows (this is the leak of
langchain-core 1.7, issue 32300).
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("UCB-05",)

get_usage_metadata_callback = edited(  # the binding's get_usage_metadata_callback
    reference.usage.get_usage_metadata_callback,
    (
        "    token = _active.set((*_active.get(), handler))\n",
        # the bug: a new hook per use, kept forever
        "    var: ContextVar[tuple[BaseCallbackHandler, ...]] = ContextVar(name, default=())\n"
        "    register_configure_hook(var, inheritable=True)\n"
        "    token = var.set((handler,))\n",
    ),
    ("_active.reset(token)", "var.reset(token)"),
)
