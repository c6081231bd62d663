"""Looks the parent run up with ``self.runs[parent_run_id]``: a KeyError when the handler is
attached to an inner step only, so the first run it sees has a parent it never received
(langfuse issues 7794, 1927, 5434: "run not found")."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HROBUST-01",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def on_chain_start(
        self, serialized: Any, inputs: Any, *, run_id: Any, parent_run_id: Any = None, **kwargs: Any
    ) -> None:
        trace = self.logic.runs[parent_run_id]["trace"] if parent_run_id else run_id
        super().on_chain_start(
            serialized, inputs, run_id=run_id, parent_run_id=parent_run_id, **kwargs
        )
        self.logic.runs[run_id]["trace"] = trace


make = Tracer
