"""Records the output as ``response.generations[0][0].text``: an IndexError for an LLMResult
without generations (a model that returned nothing, a filtered response)."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HROBUST-01",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def on_llm_end(self, response: Any, *, run_id: Any, **kwargs: Any) -> None:
        self.logic.end(run_id, response.generations[0][0].text)


make = Tracer
