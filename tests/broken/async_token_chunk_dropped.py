"""The async LLM run manager drops the chunk of a streamed token.

``AsyncCallbackManagerForLLMRun.on_llm_new_token`` takes ``chunk`` as a
keyword-only parameter, which removes it from ``**kwargs``, and then emits
only ``kwargs``: handlers receive the token text and ``chunk=None``, so
streaming aggregators lose the message chunks under the async manager.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-04",)


async def on_llm_new_token(self: Any, token: str, *, chunk: Any = None, **kwargs: Any) -> None:
    await self._aemit("on_llm_new_token", "ignore_llm", token, kwargs)


reference.runs.AsyncCallbackManagerForLLMRun.on_llm_new_token = on_llm_new_token
