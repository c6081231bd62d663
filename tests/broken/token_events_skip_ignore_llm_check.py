"""Streamed tokens are delivered without checking ignore_llm.

``on_llm_new_token`` is the hottest event (one per token), so its ignore
check was dropped "as an optimisation": it dispatches with no ignore flag.
Handlers that set ``ignore_llm`` to stay out of model runs still receive
every token.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("IGNORE-01",)


def on_llm_new_token(self: Any, token: str, *, chunk: Any = None, **kwargs: Any) -> None:
    self._emit("on_llm_new_token", None, token, {"chunk": chunk, **kwargs})


async def aon_llm_new_token(self: Any, token: str, *, chunk: Any = None, **kwargs: Any) -> None:
    await self._aemit("on_llm_new_token", None, token, {"chunk": chunk, **kwargs})


reference.runs.CallbackManagerForLLMRun.on_llm_new_token = on_llm_new_token
reference.runs.AsyncCallbackManagerForLLMRun.on_llm_new_token = aon_llm_new_token
