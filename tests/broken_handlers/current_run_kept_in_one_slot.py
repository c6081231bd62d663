"""The tracer tracks "the current chain" in one attribute, as a stack of one.

Each chain start records the run and its parent; each chain end checks it
ends the current run, then restores the parent.  Correct for one run tree at
a time, which is all its author tested; with runs from several threads the
slot is overwritten and an end finds another run there.  (The short sleep
stands for the export call real tracers make at start.)
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HCONC-01",)


class Handler(Tracer):
    def __init__(self) -> None:
        super().__init__()
        self.current: UUID | None = None
        self.parents: dict[UUID, UUID | None] = {}

    def on_chain_start(
        self,
        serialized: Any,
        inputs: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self.parents[run_id] = self.current
        self.current = run_id
        time.sleep(0.001)
        super().on_chain_start(
            serialized, inputs, run_id=run_id, parent_run_id=parent_run_id, **kwargs
        )

    def _end_chain(self, run_id: UUID) -> None:
        if run_id != self.current:
            raise RuntimeError(f"chain {run_id} ended while {self.current} is current")
        self.current = self.parents.pop(run_id, None)

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._end_chain(run_id)
        super().on_chain_end(outputs, run_id=run_id, **kwargs)

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._end_chain(run_id)
        super().on_chain_error(error, run_id=run_id, **kwargs)
