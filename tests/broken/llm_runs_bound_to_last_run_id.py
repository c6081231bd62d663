"""With several prompts, every run manager returned is bound to the last run.

The sync ``on_llm_start`` builds its run managers after the delivery loop
instead of inside it, reusing the loop variable: ``[self._bind(..., id_) for
_ in prompts]``.  Each run's start event carries its own id, but all the run
managers carry the id of the last run, so every later event (tokens, end,
error) of every run is reported against that one run.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-01",)

reference.managers.CallbackManager.on_llm_start = edited(
    reference.managers.CallbackManager.on_llm_start,
    (
        "        runs.append(self._bind(CallbackManagerForLLMRun, id_))\n    return runs\n",
        # the bug: the run managers are built after the loop, from its last id_
        "    return [self._bind(CallbackManagerForLLMRun, id_) for _ in prompts]\n",
    ),
)
