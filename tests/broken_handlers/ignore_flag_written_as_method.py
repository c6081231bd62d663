"""``ignore_retry`` is written as a plain method instead of a property.

The author meant "do not send me retries"; a bound method is always truthy,
so managers read the flag as true -- harmless here, but the same slip on
ignore_llm silently hides every model run.
"""

from __future__ import annotations

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HSURF-02",)


class Handler(Tracer):
    def ignore_retry(self) -> bool:  # type: ignore[override]
        return True
