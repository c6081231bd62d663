"""Each run of a multi-prompt LLM start is delivered the whole prompt list.

The sync ``on_llm_start`` opens one run per prompt, but passes ``prompts``
instead of ``[prompt]`` to the start event: a one-character slip that only
shows with more than one prompt, where every run claims to have been given
every prompt.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-01",)

reference.managers.CallbackManager.on_llm_start = edited(
    reference.managers.CallbackManager.on_llm_start,
    ("[prompt],", "prompts,"),  # the bug: every prompt, not this run's one
)
