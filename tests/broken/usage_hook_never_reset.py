"""get_usage_metadata_callback adds its handler to the context variable and never takes it out.

Written as if a context variable went back to its old value by itself at
the end of the ``with`` block: there is no ``reset``.  Every block's handler
stays active for the rest of the thread, so each later manager gets every
handler of every earlier block, and all of them count usage that is not
theirs.  Inside a first block everything looks right.
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("UCB-03", "UCB-04", "UCB-05")

# The bug: the token is dropped, and the variable never reset.
get_usage_metadata_callback = edited(  # the binding's get_usage_metadata_callback
    reference.usage.get_usage_metadata_callback,
    ("token = _active.set(", "_active.set("),
    (
        "    try:\n        yield handler\n    finally:\n        _active.reset(token)\n",
        "    yield handler\n",
    ),
)
