"""configure treats a manager passed as local_callbacks like the inheritable one.

"Merge what the caller gave us": besides the local manager's handlers, its
inheritable tags and metadata are added as inheritable, and its parent run
id is taken when the inheritable callbacks name none.  A local manager's
tags then reach every child run, and the run is filed under a parent that
is not its own.  Local managers built with handlers only, as most callers
build them, show nothing.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-08",)

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "    for handler in local or []:\n",
        # the bug: the local manager's inheritable part and parent run come along
        "    if isinstance(local_callbacks, BaseCallbackManager):\n"
        "        manager.add_tags(local_callbacks.inheritable_tags)\n"
        "        manager.add_metadata(local_callbacks.inheritable_metadata)\n"
        "        manager.parent_run_id = manager.parent_run_id or local_callbacks.parent_run_id\n"
        "    for handler in local or []:\n",
    ),
)
