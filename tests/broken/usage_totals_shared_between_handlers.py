"""Every UsageMetadataCallbackHandler shares one totals dict, declared on the class.

The handler is written dataclass-style, with ``usage_metadata = {}`` in the
class body and no ``__init__`` assignment: the one dict is shared by every
instance, so a new handler starts with the totals of all earlier ones.  The
first handler of a process, the one a demo or a single test uses, is right.
"""

from __future__ import annotations

from _thread import allocate_lock
from typing import Any

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.usage import UsageMetadataCallbackHandler

EXPECTED_FAILURES = (
    "USAGE-01",
    "USAGE-02",
    "USAGE-03",
    "USAGE-04",
    "USAGE-06",
    "USAGE-07",
    "UCB-02",
    "UCB-03",
    "UCB-04",
)


def __init__(self: Any) -> None:
    self._lock = allocate_lock()  # and no usage_metadata of its own


UsageMetadataCallbackHandler.usage_metadata = {}  # the bug: one dict, on the class
UsageMetadataCallbackHandler.__init__ = __init__  # type: ignore[method-assign]
