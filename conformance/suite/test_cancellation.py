"""ASYNC-05: an end or error event whose caller is cancelled still reaches every handler.

A web request that times out or a client that disconnects cancels the task running the
chain, often while the end of a run is being delivered.  If the delivery stops there,
tracing handlers keep that run open for ever.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

ENDS: dict[str, tuple[str, tuple[Any, ...], str, str]] = {
    "llm": ("on_llm_start", ({}, ["p"]), "on_llm_end", "on_llm_error"),
    "chain": ("on_chain_start", ({}, {"x": 1}), "on_chain_end", "on_chain_error"),
    "retriever": ("on_retriever_start", ({}, "q"), "on_retriever_end", "on_retriever_error"),
}


def _slow_handler(impl: Any, received: list[tuple[str, str]], label: str) -> Any:
    class Slow(impl.AsyncCallbackHandler):  # type: ignore[misc]
        async def _finish(self, event: str) -> None:
            await asyncio.sleep(0.05)  # the caller is cancelled while this runs
            received.append((label, event))

        async def on_llm_end(self, *args: Any, **kwargs: Any) -> None:
            await self._finish("on_llm_end")

        async def on_llm_error(self, *args: Any, **kwargs: Any) -> None:
            await self._finish("on_llm_error")

        async def on_chain_end(self, *args: Any, **kwargs: Any) -> None:
            await self._finish("on_chain_end")

        async def on_chain_error(self, *args: Any, **kwargs: Any) -> None:
            await self._finish("on_chain_error")

        async def on_retriever_end(self, *args: Any, **kwargs: Any) -> None:
            await self._finish("on_retriever_end")

        async def on_retriever_error(self, *args: Any, **kwargs: Any) -> None:
            await self._finish("on_retriever_error")

    return Slow()


def _outcome(impl: Any, kind: str, event: str) -> Any:
    if event.endswith("_error"):
        return ValueError("failed")
    if kind == "llm":
        return impl.LLMResult(generations=[[impl.Generation(text="out")]])
    if kind == "retriever":
        return [impl.Document(page_content="d")]
    return {"y": 2}


@pytest.mark.clause("ASYNC-05")
@pytest.mark.parametrize("ending", ["end", "error"])
@pytest.mark.parametrize("kind", list(ENDS))
def test_a_cancelled_caller_does_not_cut_an_end_event_short(
    impl: Any, kind: str, ending: str
) -> None:
    start, args, end_event, error_event = ENDS[kind]
    event = end_event if ending == "end" else error_event
    received: list[tuple[str, str]] = []
    handlers = [_slow_handler(impl, received, "h1"), _slow_handler(impl, received, "h2")]

    async def main() -> bool:
        manager = impl.AsyncCallbackManager(handlers=handlers)
        started = await getattr(manager, start)(*args)
        run_manager = started[0] if isinstance(started, list) else started
        caller = asyncio.ensure_future(getattr(run_manager, event)(_outcome(impl, kind, event)))
        await asyncio.sleep(0.01)  # the handlers are now running
        caller.cancel()
        try:
            await caller
            cancelled = False
        except asyncio.CancelledError:
            cancelled = True
        await asyncio.sleep(0.3)  # time for a delivery that was not cut short to finish
        return cancelled

    cancelled = asyncio.run(main())
    assert sorted(received) == [("h1", event), ("h2", event)], (
        f"the task awaiting {kind} run manager.{event}() was cancelled while two async "
        f"handlers were handling it; afterwards they had received {sorted(received) or 'nothing'}"
        f": the delivery must finish for every handler (shield it from the caller's "
        "cancellation), or the handlers keep the run open for ever"
    )
    assert cancelled, f"the awaiting task's {event}() call swallowed its own cancellation"
