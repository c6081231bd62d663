"""A nested get_usage_metadata_callback block replaces the outer handler instead of adding to it.

The context variable is set to ``(handler,)`` rather than to the outer
handlers plus this one, so inside an inner block only the inner handler
counts: the outer total misses the inner block's usage.  Unnested blocks,
the common case, are right, and the outer handler is back after the inner
block ends.
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("UCB-04",)

get_usage_metadata_callback = edited(  # the binding's get_usage_metadata_callback
    reference.usage.get_usage_metadata_callback,
    # the bug: the outer blocks' handlers are dropped
    ("_active.set((*_active.get(), handler))", "_active.set((handler,))"),
)
