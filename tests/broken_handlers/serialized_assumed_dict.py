"""Reads the run's name with ``serialized["name"]``: a TypeError when a chain, tool or retriever
is started with ``serialized=None`` (what LangChain passes for runnables that are not
serializable), and a KeyError for a serialized form without a name."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HROBUST-01",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def on_tool_start(self, serialized: Any, input_str: Any, **kwargs: Any) -> None:
        kwargs.setdefault("name", serialized["name"])
        super().on_tool_start(serialized, input_str, **kwargs)


make = Tracer
