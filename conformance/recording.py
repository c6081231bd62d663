"""Recording handlers for reproducing a conformance failure by hand.

A failing test prints what it did as code.  That code builds its handlers
with this module::

    import mypkg as impl
    from conformance.recording import recorders

    Recorder, AsyncRecorder, events = recorders(impl)
    manager = impl.CallbackManager(handlers=[Recorder("h1"), AsyncRecorder("h2", run_inline=True)])
    manager.on_chain_start({}, {"x": 1})
    print(events.render())      # every event each handler received, in order

``Recorder`` and ``AsyncRecorder`` make handlers of ``impl``'s
``BaseCallbackHandler`` and ``AsyncCallbackHandler`` that record every event
into ``events`` (shared by all handlers of one ``recorders`` call), with the
traits a test gives them: ``ignore`` (flag names set true), ``raise_error``,
``run_inline``, ``fail`` (event name -> exception to raise there) and
``no_chat`` (``on_chat_model_start`` left unimplemented).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from conformance.suite.support import Behaviour, Trace, recorder_class

__all__ = ["recorders"]


def recorders(impl: Any) -> tuple[Callable[..., Any], Callable[..., Any], Trace]:
    """``(Recorder, AsyncRecorder, events)`` for the binding module ``impl``."""
    events = Trace()

    def factory(is_async: bool) -> Callable[..., Any]:
        def make(
            label: str,
            *,
            ignore: Iterable[str] = (),
            raise_error: bool = False,
            run_inline: bool = False,
            fail: dict[str, BaseException] | None = None,
            no_chat: bool = False,
        ) -> Any:
            behaviour = Behaviour(
                frozenset(ignore), raise_error, run_inline, dict(fail or {}), no_chat
            )
            return recorder_class(impl, is_async)(label, events, behaviour)

        make.__name__ = "AsyncRecorder" if is_async else "Recorder"
        return make

    return factory(False), factory(True), events
