"""configure builds its manager around the tag lists and metadata dicts it is given.

Instead of adding ``inheritable_tags`` and ``local_tags`` to a new manager,
it passes the caller's lists to the constructor ("one call instead of
four").  With a constructor that keeps what it is given, as langchain-core's
does (``broken._adopting``), every tag added to the configured manager --
a ``get_child`` tag, a handler's ``add_tags`` -- lands in the caller's list,
typically a module-level default shared by every request.
"""

from __future__ import annotations

import reference.managers
from broken._adopting import adopt_callers_containers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-07", "STATE-08")

adopt_callers_containers()

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "        manager = manager_class(\n"
        "            handlers=list(source or []), inheritable_handlers=list(source or [])\n"
        "        )\n",
        # the bug: a list input starts from the caller's own tag lists and metadata
        "        manager = manager_class(\n"
        "            handlers=list(source or []),\n"
        "            inheritable_handlers=list(source or []),\n"
        "            tags=local_tags if local_tags is not None else [],\n"
        "            metadata=local_metadata if local_metadata is not None else {},\n"
        "        )\n"
        "        local_tags, local_metadata = None, None\n",
    ),
)
