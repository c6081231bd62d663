"""merge skips the union when the other side is empty and hands back the receiver's own list.

A shortcut for the common case (``other.tags`` empty, say): return
``self.tags`` as the merged list instead of building a new one.  The result
then shares that list with the receiver, so adding to one changes the other.
When both sides hold something the result is built fresh and correct.

Built on a constructor that keeps the caller's lists, as langchain-core's
does (``broken._adopting``): behind the reference's copying constructor the
missing copy would not show.
"""

from __future__ import annotations

import reference.managers
from broken._adopting import adopt_callers_containers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-05", "STATE-08")

adopt_callers_containers()

# merge builds each list with the module's _union, which gets the shortcut.
reference.managers._union = edited(
    reference.managers._union,
    (
        "    merged: list[_T] = []\n",
        # the bug: an operand's own list, not a copy
        "    if not second:\n"
        "        return first\n"
        "    if not first:\n"
        "        return second\n"
        "    merged: list[_T] = []\n",
    ),
)
