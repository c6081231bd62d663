"""The fix proposed in langchain PRs 40411, 40510, 40513 and 40548 (issues 40412, 40511, 40512,
40518): usage whose message has no model name is counted under ``"unknown"`` instead of being
dropped.  Upstream has not decided against it, so the suite must pass it (USAGE-08).
"""

from __future__ import annotations

from broken._mutation import edited

import reference.usage
from reference import *  # noqa: F403  (every binding name; the fix is patched in below)

reference.usage.UsageMetadataCallbackHandler.on_llm_end = edited(  # type: ignore[method-assign]
    reference.usage.UsageMetadataCallbackHandler.on_llm_end,
    ("if not usage or not model:", 'model = model or "unknown"\n    if not usage:'),
)
