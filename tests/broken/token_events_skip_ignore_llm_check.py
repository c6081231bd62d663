"""Streamed tokens are delivered without checking ignore_llm.

``on_llm_new_token`` is the hottest event (one per token), so its ignore
check was dropped "as an optimisation": it dispatches with no ignore flag.
Handlers that set ``ignore_llm`` to stay out of model runs still receive
every token.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("IGNORE-01",)

# The bug: no ignore flag for the hottest event.
for _class in (
    reference.runs.CallbackManagerForLLMRun,
    reference.runs.AsyncCallbackManagerForLLMRun,
):
    _class.on_llm_new_token = edited(
        _class.on_llm_new_token, ('"on_llm_new_token", "ignore_llm",', '"on_llm_new_token", None,')
    )
