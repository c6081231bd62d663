"""configure adds local_metadata as inheritable metadata.

The last of four near-identical lines, ``add_metadata(local_metadata)``,
lost its ``inherit=False``: local metadata then reaches every child run.
The configured manager's own metadata is right, so only a look at the
inheritable part (or at a child run) shows it.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-05", "CONF-07", "INHERIT-01")

reference.managers.configure = edited(
    reference.managers.configure,
    (
        "manager.add_metadata(local_metadata or {}, inherit=False)",
        "manager.add_metadata(local_metadata or {})",  # the bug: inherit defaults to True
    ),
)
