"""Adds its own marker tag with ``tags.append("traced")`` to the list it receives: the list is
the run manager's own, shared with every other handler and with the run's later events."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HISOL-01",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def on_chain_start(
        self, serialized: Any, inputs: Any, *, tags: Any = None, **kwargs: Any
    ) -> None:
        if tags is not None and "traced" not in tags:
            tags.append("traced")
        super().on_chain_start(serialized, inputs, tags=tags, **kwargs)


make = Tracer
