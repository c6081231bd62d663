"""The tracer looks the parent span up with ``self.spans[parent_run_id]``.

Written for chains invoked with the handler at the top, where every parent
was started first.  A handler given to an inner step only (a parent it never
saw) raises KeyError on the first child start -- langfuse issues 7794 and
5434, OpenLLMetry issue 3403.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HROBUST-01", "HROBUST-02")


class Handler(Tracer):
    def _open(self, run_id: UUID, parent_run_id: UUID | None, kind: str, name: Any) -> None:
        parent = self.spans[parent_run_id] if parent_run_id else None
        self.spans[run_id] = {
            "kind": kind,
            "name": name,
            "trace": parent["trace"] if parent else run_id,
            "tokens": 0,
        }
