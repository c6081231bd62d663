"""The usage handler also counts the token_usage that older models report in llm_output.

A compatibility branch: when ``llm_output`` holds ``token_usage`` and a
``model_name``, count that.  But the handler's contract is the usage
metadata of the first chat generation's message, and nothing else: results
of plain text models now change the totals.
"""

from __future__ import annotations

from typing import Any

from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.usage import UsageMetadataCallbackHandler, add_usage

EXPECTED_FAILURES = ("USAGE-03",)

_count = UsageMetadataCallbackHandler.on_llm_end


def on_llm_end(self: Any, response: Any, **kwargs: Any) -> None:
    output = response.llm_output or {}
    usage, model = output.get("token_usage"), output.get("model_name")
    if usage and model:  # the bug: usage reported outside the message counts too
        with self._lock:
            self.usage_metadata[model] = add_usage(self.usage_metadata.get(model), usage)
    else:
        _count(self, response, **kwargs)


UsageMetadataCallbackHandler.on_llm_end = on_llm_end  # type: ignore[method-assign]
