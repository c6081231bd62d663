"""merge removes duplicates with ``dict.fromkeys`` ("faster than the nested loop").

Order is kept, so every existing merge test still passes, but dict keys are
hashed: a handler class that is equal by value and unhashable (any
``@dataclass`` handler) makes merge raise TypeError.  langchain-core's
set-based merge (1.2.6 on) has the same failure.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-02",)


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    return list(dict.fromkeys([*first, *second]))


reference.managers._union = _union
