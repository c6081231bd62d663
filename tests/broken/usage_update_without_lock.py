"""The usage handler reads, adds and writes back a model's total without holding its lock.

``self.usage_metadata[model] = add_usage(self.usage_metadata.get(model),
usage)`` is one line, so it looks atomic, but a thread switch between the
read and the write loses the other thread's update.  Single-threaded use,
and almost every quick test, is right.
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("USAGE-06",)

reference.usage.UsageMetadataCallbackHandler.on_llm_end = edited(  # type: ignore[method-assign]
    reference.usage.UsageMetadataCallbackHandler.on_llm_end,
    (
        "    with self._lock:\n"
        "        self.usage_metadata[model] = add_usage(self.usage_metadata.get(model), usage)\n",
        # the bug: not under self._lock
        "    self.usage_metadata[model] = add_usage(self.usage_metadata.get(model), usage)\n",
    ),
)
