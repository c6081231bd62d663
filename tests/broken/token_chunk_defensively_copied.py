"""The sync LLM run manager hands handlers a copy of each streamed chunk.

``on_llm_new_token`` passes ``chunk=copy.copy(chunk)`` "so that one handler
cannot modify the chunk another one sees".  The documented contract is the
chunk object itself: handlers that keep chunks and compare or accumulate
them by identity (or mutate them on purpose, as aggregators do) now work on
copies that the model never sees.
"""

from __future__ import annotations

import copy
from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-04",)

_on_llm_new_token = reference.runs.CallbackManagerForLLMRun.on_llm_new_token


def on_llm_new_token(self: Any, token: str, *, chunk: Any = None, **kwargs: Any) -> None:
    _on_llm_new_token(self, token, chunk=copy.copy(chunk), **kwargs)


reference.runs.CallbackManagerForLLMRun.on_llm_new_token = on_llm_new_token
