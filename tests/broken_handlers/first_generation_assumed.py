"""on_llm_end reads ``response.generations[0][0].text`` to record the answer.

A result with no generations (a model that returned nothing, a filtered
response) makes it raise IndexError.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from broken_handlers._tracer import Tracer

EXPECTED_FAILURES = ("HROBUST-01", "HROBUST-02")


class Handler(Tracer):
    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        answer = response.generations[0][0].text
        self.spans.get(run_id, {})["answer"] = answer
        self._close(run_id, "ok")
