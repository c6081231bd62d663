"""The usage handler reads the model name with ``response_metadata["model_name"]``.

Whoever writes it assumes every chat model sets ``model_name`` (langchain's
standard tests require it of integrations, PR 30497), so a message with
usage and no model name makes ``on_llm_end`` raise ``KeyError`` instead of
dropping the usage or keeping it under a fallback key: neither outcome
USAGE-08 accepts.  Under a manager the error is only logged, so the loss
goes unnoticed.
"""

from __future__ import annotations

import reference.usage
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("USAGE-08",)

reference.usage.UsageMetadataCallbackHandler.on_llm_end = edited(  # type: ignore[method-assign]
    reference.usage.UsageMetadataCallbackHandler.on_llm_end,
    ('message.response_metadata.get("model_name")', 'message.response_metadata["model_name"]'),
)
