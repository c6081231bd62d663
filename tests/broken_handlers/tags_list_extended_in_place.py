"""The tracer adds its own marker to the run's tags with ``tags.append``.

The list belongs to the run: other handlers, and the run's later events,
see the marker too.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HISOL-01",)


class Handler(Tracer):
    def on_chain_start(
        self,
        serialized: Any,
        inputs: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        tags = kwargs.get("tags")
        if isinstance(tags, list):
            tags.append("traced")
        super().on_chain_start(
            serialized, inputs, run_id=run_id, parent_run_id=parent_run_id, **kwargs
        )
