"""An async handler that exports each finished LLM run with a synchronous call (here
``time.sleep``, standing for a blocking HTTP request) inside ``async def on_llm_end``: the
whole event loop stalls while it waits."""

import time
from typing import Any

from broken_handlers.tracers import AsyncReferenceTracer

EXPECTED_FAILURES = ("HASYNC-01",)


class Tracer(AsyncReferenceTracer):  # type: ignore[misc,valid-type]
    async def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        time.sleep(0.7)  # the "export"
        await super().on_llm_end(response, **kwargs)


make = Tracer
