"""Ignores chat models (``ignore_chat_model``) but not LLMs, and indexes ``self.runs[run_id]``
on ``on_llm_end`` / ``on_llm_new_token``: the managers filter a chat model run's start with
``ignore_chat_model`` but its tokens and end with ``ignore_llm``, so the handler gets the end
of a run it never saw start -- a KeyError."""

from typing import Any

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HROBUST-01",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    @property
    def ignore_chat_model(self) -> bool:
        return True

    def on_llm_end(self, response: Any, *, run_id: Any, **kwargs: Any) -> None:
        run = self.logic.runs[run_id]
        run["outputs"] = len(response.generations)
        super().on_llm_end(response, run_id=run_id, **kwargs)


make = Tracer
