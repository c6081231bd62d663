"""With several prompts, every run manager returned is bound to the last run.

The sync ``on_llm_start`` builds its run managers after the delivery loop
instead of inside it, reusing the loop variable: ``[self._bind(..., id_) for
_ in prompts]``.  Each run's start event carries its own id, but all the run
managers carry the id of the last run, so every later event (tokens, end,
error) of every run is reported against that one run.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import handle_event
from reference.runs import CallbackManagerForLLMRun

EXPECTED_FAILURES = ("RUN-01",)


def on_llm_start(
    self: Any, serialized: dict[str, Any], prompts: list[str], run_id: Any = None, **kwargs: Any
) -> list[Any]:
    for prompt, id_ in zip(prompts, reference.managers._run_ids(len(prompts), run_id), strict=True):
        handle_event(
            self.handlers,
            "on_llm_start",
            "ignore_llm",
            serialized,
            [prompt],
            run_id=id_,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
    return [self._bind(CallbackManagerForLLMRun, id_) for _ in prompts]


reference.managers.CallbackManager.on_llm_start = on_llm_start
