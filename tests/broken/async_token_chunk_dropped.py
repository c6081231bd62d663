"""The async LLM run manager drops the chunk of a streamed token.

``AsyncCallbackManagerForLLMRun.on_llm_new_token`` takes ``chunk`` as a
keyword-only parameter, which removes it from ``**kwargs``, and then emits
only ``kwargs``: handlers receive the token text and ``chunk=None``, so
streaming aggregators lose the message chunks under the async manager.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-04",)

reference.runs.AsyncCallbackManagerForLLMRun.on_llm_new_token = edited(
    reference.runs.AsyncCallbackManagerForLLMRun.on_llm_new_token,
    ('{"chunk": chunk, **kwargs}', "kwargs"),  # the bug: chunk is no longer in kwargs
)
