"""configure builds its manager on the very lists of a manager given as inheritable_callbacks.

The new manager is constructed from ``source.handlers``, ``source.tags``
and so on, not from copies, so adding a local handler, tag or metadata key
to the configured manager also changes the parent's child manager it came
from (and every sibling configured from it).  The constructor adopts what
it is given, and forgetting ``list(...)`` is an easy slip.

Built on a constructor that keeps the caller's lists, as langchain-core's
does (``broken._adopting``): behind the reference's copying constructor the
missing copy would not show.
"""

from __future__ import annotations

import reference.managers
from broken._adopting import adopt_callers_containers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-03", "CONF-07", "STATE-08")

adopt_callers_containers()

# The bug: no copies, the source's own containers.
reference.managers.configure = edited(
    reference.managers.configure,
    ("list(source.handlers)", "source.handlers"),
    ("list(source.inheritable_handlers)", "source.inheritable_handlers"),
    ("list(source.tags)", "source.tags"),
    ("list(source.inheritable_tags)", "source.inheritable_tags"),
    ("dict(source.metadata)", "source.metadata"),
    ("dict(source.inheritable_metadata)", "source.inheritable_metadata"),
)
