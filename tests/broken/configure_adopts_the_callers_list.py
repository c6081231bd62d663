"""configure adopts the list passed as inheritable_callbacks as both handler lists.

``configure(inheritable_callbacks=[a, b])`` should copy the list.  This one
passes the caller's list itself as ``handlers`` and as
``inheritable_handlers``: one list object behind both attributes, owned by
the caller.  Every handler added afterwards (local callbacks, the verbose
printer) lands in the caller's list and becomes inheritable.  Adopting the
list saves a copy on a hot path, and nothing looks wrong until a second
handler is added.

Built on a constructor that keeps the caller's lists, as langchain-core's
does (``broken._adopting``): behind the reference's copying constructor the
missing copy would not show.
"""

from __future__ import annotations

import reference.managers
from broken._adopting import adopt_callers_containers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-02", "CONF-04", "CONF-06", "CONF-07", "INHERIT-01", "STATE-08")

adopt_callers_containers()

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "        manager = manager_class(\n"
        "            handlers=list(source or []), inheritable_handlers=list(source or [])\n"
        "        )\n",
        # the bug: the caller's list, adopted as both lists
        "        adopted = source if source is not None else []\n"
        "        manager = manager_class(handlers=adopted, inheritable_handlers=adopted)\n",
    ),
)
