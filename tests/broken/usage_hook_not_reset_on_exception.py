"""get_usage_metadata_callback resets its context variable after the yield, without try/finally.

When the ``with`` block ends normally the handler is removed; when it ends
by an exception, the generator is closed at the ``yield`` and the reset
line never runs, so the handler stays active for every manager configured
afterwards in that context, counting usage that is not the block's.  The
happy path is right.
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("UCB-03", "UCB-04")

get_usage_metadata_callback = edited(  # the binding's get_usage_metadata_callback
    reference.usage.get_usage_metadata_callback,
    (
        "    try:\n        yield handler\n    finally:\n        _active.reset(token)\n",
        # the bug: not in a finally, so skipped when the block raises
        "    yield handler\n    _active.reset(token)\n",
    ),
)
