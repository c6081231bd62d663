"""get_usage_metadata_callback's configure hook is registered as not inheritable.

``register_configure_hook(var, inheritable=False)``: configure adds the
block's handler as a local handler, so the top-level run of a block is
counted but nothing started below it (a chain's model calls, an agent's
tools) reaches the handler.  A block around a bare model call, the usual
example, counts correctly.
"""

from __future__ import annotations

import reference.hooks
import reference.usage
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("UCB-01", "UCB-02", "UCB-04")

reference.hooks._hooks.clear()
reference.hooks.register_configure_hook(
    reference.usage._active,
    inheritable=False,  # the bug: should be True
)
