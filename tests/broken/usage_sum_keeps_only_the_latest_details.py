"""Adding usage sums the three token counts but keeps only the newest record's token details.

``add_usage`` is written for the three documented top-level counts;
``input_token_details`` and ``output_token_details`` are copied from the
newest record instead of being added up.  Totals of records without
details, or of a single record, are right.
"""

from __future__ import annotations

from typing import Any

import reference.usage
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("USAGE-04", "USAGE-06")

COUNTS = ("input_tokens", "output_tokens", "total_tokens")


def _add_usage(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    left, right = left or {}, right or {}
    total = {**left, **right}  # the bug: nested details are the newest record's, not summed
    for key in COUNTS:
        total[key] = left.get(key, 0) + right.get(key, 0)
    return total


reference.usage.add_usage = _add_usage
