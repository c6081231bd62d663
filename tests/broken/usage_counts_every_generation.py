"""The usage handler counts the usage of every generation of every prompt, not only the first.

Summing over ``response.generations`` looks more thorough than reading
``generations[0][0]``, but the candidates of one run repeat the run's usage
(or hold the usage of other prompts' runs), so a run with several
candidates or prompts is counted several times.  One prompt with one
candidate, the common case, is counted right.
"""

from __future__ import annotations

from typing import Any

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.outputs import LLMResult
from reference.usage import UsageMetadataCallbackHandler

EXPECTED_FAILURES = ("USAGE-02", "USAGE-03")

_count_first = UsageMetadataCallbackHandler.on_llm_end


def on_llm_end(self: Any, response: Any, **kwargs: Any) -> None:
    for candidates in response.generations:  # the bug: every prompt, every candidate
        for generation in candidates:
            _count_first(self, LLMResult(generations=[[generation]]), **kwargs)


UsageMetadataCallbackHandler.on_llm_end = on_llm_end  # type: ignore[method-assign]
