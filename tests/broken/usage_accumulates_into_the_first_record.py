"""The usage handler keeps the first message's usage dict as its running total and adds into it.

To save an allocation per run, adding usage updates the running total in
place, and the first total is the message's own ``usage_metadata`` dict.
Every later run of that model then changes the first message's usage (and
any other handler holding the same dict).  The totals themselves are right.
"""

from __future__ import annotations

from typing import Any

import reference.usage
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("USAGE-05", "USAGE-06", "UCB-04")


def _add_into(total: dict[str, Any], usage: dict[str, Any]) -> None:
    for key, value in usage.items():
        if isinstance(value, dict):
            _add_into(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value


def _add_usage(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    if left is None:
        return right or {}  # the bug: the message's own dict becomes the running total
    _add_into(left, right or {})
    return left


reference.usage.add_usage = _add_usage
