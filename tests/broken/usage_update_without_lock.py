"""The usage handler reads, adds and writes back a model's total without holding its lock.

``self.usage_metadata[model] = add_usage(self.usage_metadata.get(model),
usage)`` is one line, so it looks atomic, but a thread switch between the
read and the write loses the other thread's update.  Single-threaded use,
and almost every quick test, is right.
"""

from __future__ import annotations

from typing import Any

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.messages import AIMessage
from reference.outputs import ChatGeneration
from reference.usage import UsageMetadataCallbackHandler, add_usage

EXPECTED_FAILURES = ("USAGE-06",)


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
        # the bug: not under self._lock
        self.usage_metadata[model] = add_usage(self.usage_metadata.get(model), usage)


UsageMetadataCallbackHandler.on_llm_end = on_llm_end  # type: ignore[method-assign]
