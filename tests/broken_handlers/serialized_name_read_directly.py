"""The tracer names runs with ``serialized["name"]``.

Runnables pass ``serialized=None`` (langchain-core 0.3 on) with the name in
a keyword argument; this handler predates that and raises TypeError on
every such start (langchain issues 26773, 29941).
"""

from __future__ import annotations

from typing import Any

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HROBUST-01", "HROBUST-02")


class Handler(Tracer):
    @staticmethod
    def _name(serialized: Any, kwargs: dict[str, Any]) -> Any:
        return serialized["name"]
