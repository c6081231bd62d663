"""on_text is written with the arguments its author saw in one version.

``def on_text(self, text, run_id, parent_run_id)``: no ``**kwargs``, so the
tags and verbose keyword arguments managers pass make every call fail with
TypeError (swallowed and logged by the manager).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HSURF-01", "HROBUST-01", "HROBUST-02", "HCONC-01")


class Handler(Tracer):
    def on_text(self, text: str, run_id: UUID, parent_run_id: UUID | None = None) -> Any:  # type: ignore[override]
        return None
