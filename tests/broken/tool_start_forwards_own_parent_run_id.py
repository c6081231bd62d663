"""on_tool_start reports its own parent_run_id argument instead of the manager's.

``CallbackManager.on_tool_start`` accepts a ``parent_run_id`` parameter (for
signature compatibility) and the start event is built with
``parent_run_id=parent_run_id``, the argument, rather than
``self.parent_run_id``.  Callers never pass it, so every tool run looks like
a top-level run and drops out of its parent's trace.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-01",)

reference.managers.CallbackManager.on_tool_start = edited(
    reference.managers.CallbackManager.on_tool_start,
    # the bug: the argument nobody passes, not the manager's
    ("parent_run_id=self.parent_run_id,", "parent_run_id=parent_run_id,"),
)
