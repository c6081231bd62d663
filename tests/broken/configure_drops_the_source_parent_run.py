"""configure copies a manager given as inheritable_callbacks but forgets its parent_run_id.

The copy is written out field by field and the one field that is not a
container is left out, so a configured child manager starts runs with no
parent: the run tree is cut at every configure.  Handlers, tags and
metadata all arrive, which is what most tests look at.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-03", "CONF-07")

reference.managers.configure = edited(
    reference.managers.configure,
    ("parent_run_id=source.parent_run_id,", ""),  # the bug: the one field left out
)
