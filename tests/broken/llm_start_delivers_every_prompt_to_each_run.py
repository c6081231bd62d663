"""Each run of a multi-prompt LLM start is delivered the whole prompt list.

The sync ``on_llm_start`` opens one run per prompt, but passes ``prompts``
instead of ``[prompt]`` to the start event: a one-character slip that only
shows with more than one prompt, where every run claims to have been given
every prompt.
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
    runs = []
    for id_ in reference.managers._run_ids(len(prompts), run_id):
        handle_event(
            self.handlers,
            "on_llm_start",
            "ignore_llm",
            serialized,
            prompts,
            run_id=id_,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
        runs.append(self._bind(CallbackManagerForLLMRun, id_))
    return runs


reference.managers.CallbackManager.on_llm_start = on_llm_start
