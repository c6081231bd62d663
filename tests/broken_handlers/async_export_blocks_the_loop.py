"""An async tracer exports each finished span with a blocking HTTP call.

``time.sleep`` stands for ``requests.post`` inside ``async def on_chain_end``:
while it waits, nothing else on the event loop runs.
"""

from __future__ import annotations

import time
from typing import Any
from uuid import UUID

from reference import AsyncCallbackHandler

EXPECTED_FAILURES = ("HASYNC-01",)


class Handler(AsyncCallbackHandler):
    async def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        time.sleep(0.3)
