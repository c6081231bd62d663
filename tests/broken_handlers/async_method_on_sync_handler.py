"""A sync handler (a BaseCallbackHandler) with one ``async def`` event method, added when the
exporter became async: an AsyncCallbackManager runs a sync handler's methods in an executor
thread and never awaits what they return."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HSURF-03",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    async def on_text(self, text: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self.logic.event(kwargs["run_id"])


make = Tracer
