"""The usage handler stores each run's usage as its model's total instead of adding it.

``self.usage_metadata[model] = usage``: the add was lost, so a model's
"total" is the usage of its latest run.  With one run per model, the usual
example, it is right.
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("USAGE-04", "USAGE-06", "USAGE-07", "UCB-04")

reference.usage.UsageMetadataCallbackHandler.on_llm_end = edited(  # type: ignore[method-assign]
    reference.usage.UsageMetadataCallbackHandler.on_llm_end,
    # the bug: replaced, not added to
    ("add_usage(self.usage_metadata.get(model), usage)", "dict(usage)"),
)
