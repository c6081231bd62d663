"""The usage handler's on_llm_end takes the response only, without **kwargs.

Called directly (``handler.on_llm_end(result)``) it counts as it should.
Called by a run manager, which passes ``run_id``, ``parent_run_id`` and
``tags`` too, it raises TypeError; dispatch logs the error and goes on, so
usage recorded through managers (the only way it is ever recorded in
practice) silently stays at zero.
"""

from __future__ import annotations

from typing import Any

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.usage import UsageMetadataCallbackHandler

EXPECTED_FAILURES = ("USAGE-07", "UCB-02", "UCB-03", "UCB-04", "SURF-01")

_count = UsageMetadataCallbackHandler.on_llm_end


def on_llm_end(self: Any, response: Any) -> None:  # the bug: no **kwargs
    _count(self, response)


UsageMetadataCallbackHandler.on_llm_end = on_llm_end  # type: ignore[assignment]
