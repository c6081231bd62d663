"""Keeps each ended run with its trace and forgets the trace only when a run without a parent
ends: when the handler is attached to an inner step only (``with_config(callbacks=[...])`` on
a step of a chain), the root it sees has a parent it never received, no run ever ends without
a parent, and every run stays (langfuse 5.2.0's ``_run_states``/``_root_run_states``, released
by ``_reset`` only ``if parent_run_id is None``)."""

from typing import Any
from uuid import UUID

from broken_handlers.tracers import ReferenceTracer, TracerLogic

EXPECTED_FAILURES = ("HSTATE-01",)


class _Logic(TracerLogic):
    def __init__(self) -> None:
        super().__init__()
        self.ended_by_trace: dict[UUID, list[dict[str, Any]]] = {}

    def end(self, run_id: UUID, outputs: Any, error: BaseException | None = None) -> None:
        with self.lock:
            run = self.runs.get(run_id)
        super().end(run_id, outputs, error)
        if run is None:
            return
        with self.lock:
            if run["trace"] == run_id:  # a root without a parent: its trace is complete
                self.ended_by_trace.pop(run_id, None)
            else:
                self.ended_by_trace.setdefault(run["trace"], []).append(run)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def __init__(self) -> None:
        self.logic = _Logic()


make = Tracer
