"""A new UsageMetadataCallbackHandler has usage_metadata None, not {}, until it counts a run.

The totals dict is created lazily on the first counted run, so "no run yet"
can be told apart from "runs without usage".  But the documented start
state is an empty dict: code that reads a fresh handler's totals (``for
model in handler.usage_metadata``) breaks, and so does a usage block
nothing ran in.
"""

from __future__ import annotations

from typing import Any

import reference.usage
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("USAGE-01", "USAGE-04", "UCB-03")


class UsageMetadataCallbackHandler(reference.usage.UsageMetadataCallbackHandler):  # type: ignore[no-redef]
    def __init__(self) -> None:
        super().__init__()
        self.usage_metadata = None  # type: ignore[assignment]  # the bug: should be {}

    def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        if self.usage_metadata is None:
            self.usage_metadata = {}
        super().on_llm_end(response, **kwargs)


reference.usage.UsageMetadataCallbackHandler = UsageMetadataCallbackHandler  # type: ignore[misc]
