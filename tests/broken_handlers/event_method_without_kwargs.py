"""Spells out ``on_chain_start``'s documented parameters and forgets ``**kwargs``: managers
pass the caller's extra keyword arguments (``name=...``, new ones in later releases), so the
call raises TypeError and the manager logs it."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HSURF-01", "HROBUST-01")


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def on_chain_start(  # type: ignore[override]
        self,
        serialized: Any,
        inputs: Any,
        *,
        run_id: Any,
        parent_run_id: Any = None,
        tags: Any = None,
        metadata: Any = None,
    ) -> None:
        super().on_chain_start(
            serialized,
            inputs,
            run_id=run_id,
            parent_run_id=parent_run_id,
            tags=tags,
            metadata=metadata,
        )


make = Tracer
