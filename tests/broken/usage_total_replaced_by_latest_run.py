"""The usage handler stores each run's usage as its model's total instead of adding it.

``self.usage_metadata[model] = usage``: the add was lost, so a model's
"total" is the usage of its latest run.  With one run per model, the usual
example, it is right.
"""

from __future__ import annotations

from typing import Any

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.messages import AIMessage
from reference.outputs import ChatGeneration
from reference.usage import UsageMetadataCallbackHandler

EXPECTED_FAILURES = ("USAGE-04", "USAGE-06", "USAGE-07", "UCB-04")


def on_llm_end(self: Any, response: Any, **kwargs: Any) -> None:
    try:
        generation = response.generations[0][0]
    except IndexError:
        return
    if not isinstance(generation, ChatGeneration) or not isinstance(generation.message, AIMessage):
        return
    usage = generation.message.usage_metadata
    model = generation.message.response_metadata.get("model_name")
    if usage and model:
        with self._lock:
            self.usage_metadata[model] = dict(usage)  # the bug: replaced, not added to


UsageMetadataCallbackHandler.on_llm_end = on_llm_end  # type: ignore[method-assign]
