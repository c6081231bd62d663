"""An async handler whose on_llm_start is a plain function.

The author added a quick synchronous override to an ``AsyncCallbackHandler``
subclass; async managers await what it returns (None) and fail.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from reference import AsyncCallbackHandler

EXPECTED_FAILURES = ("HSURF-03",)


class Handler(AsyncCallbackHandler):
    def on_llm_start(
        self,
        serialized: Any,
        prompts: list[str],
        *,
        run_id: UUID,  # type: ignore[override]
        **kwargs: Any,
    ) -> None:
        return None
