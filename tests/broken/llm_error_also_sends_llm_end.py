"""A failed model run is reported as an error and then as an end.

``on_llm_error`` also delivers ``on_llm_end`` with an empty result, "so that
handlers which close spans or total usage in on_llm_end see every run
finish".  Handlers now see two terminal events for one failed run, and the
end after the error claims the run succeeded.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.outputs import LLMResult

EXPECTED_FAILURES = ("ORDER-04", "PAYLOAD-03")


def on_llm_error(self: Any, error: BaseException, **kwargs: Any) -> None:
    self._emit("on_llm_error", "ignore_llm", error, kwargs)
    self._emit("on_llm_end", "ignore_llm", LLMResult(generations=[]), kwargs)


async def aon_llm_error(self: Any, error: BaseException, **kwargs: Any) -> None:
    await self._aemit("on_llm_error", "ignore_llm", error, kwargs)
    await self._aemit("on_llm_end", "ignore_llm", LLMResult(generations=[]), kwargs)


reference.runs.CallbackManagerForLLMRun.on_llm_error = on_llm_error
reference.runs.AsyncCallbackManagerForLLMRun.on_llm_error = aon_llm_error
