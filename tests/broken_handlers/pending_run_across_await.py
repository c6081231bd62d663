"""An async handler that parks the run being started in ``self._pending`` and awaits (a lookup
of the parent span, say) before storing it: with several runs starting at once in one event
loop, another task overwrites ``self._pending`` during the await, one run is stored twice and
the other never, and its end raises KeyError."""

import asyncio
from typing import Any

from broken_handlers.tracers import AsyncReferenceTracer

EXPECTED_FAILURES = ("HCONC-01",)


class Tracer(AsyncReferenceTracer):  # type: ignore[misc,valid-type]
    def __init__(self) -> None:
        super().__init__()
        self.open: dict[Any, str] = {}
        self._pending: Any = None

    async def on_chain_start(
        self, serialized: Any, inputs: Any, *, run_id: Any, **kwargs: Any
    ) -> None:
        self._pending = run_id
        await asyncio.sleep(0)  # "fetch the parent span"
        self.open[self._pending] = "chain"

    async def on_chain_end(self, outputs: Any, *, run_id: Any, **kwargs: Any) -> None:
        del self.open[run_id]

    async def on_chain_error(self, error: BaseException, *, run_id: Any, **kwargs: Any) -> None:
        del self.open[run_id]


make = Tracer
