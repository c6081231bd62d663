"""Dispatch: which handlers receive an event, in what order, and what happens on errors."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import pytest

from conformance.suite.support import (
    ALL_EVENTS,
    FLAG_OF,
    FLAGS,
    PROBE,
    RUN_EVENTS,
    Trace,
    call,
    drive,
)


def _receivers(trace: Trace, event: str) -> list[str]:
    return [e.handler for e in trace if e.name == event]


# --- order and ignore flags --------------------------------------------------


@pytest.mark.clause("ORDER-01")
@pytest.mark.parametrize("event", ALL_EVENTS)
def test_sync_manager_calls_handlers_in_registration_order(
    impl: Any, make_handler: Any, trace: Trace, handler_is_async: bool, event: str
) -> None:
    labels = ["h0", "h1", "h2", "h3"]
    handlers = [make_handler(label, is_async=handler_is_async) for label in labels]
    drive(impl.CallbackManager(handlers=handlers), impl, event)
    assert _receivers(trace, event) == labels, f"trace:\n{trace.render()}"


@pytest.mark.clause("IGNORE-01")
@pytest.mark.parametrize("flag", FLAGS)
def test_ignore_flag_skips_exactly_its_family(
    impl: Any,
    make_handler: Any,
    trace: Trace,
    manager_class: Any,
    handler_is_async: bool,
    flag: str,
) -> None:
    ignoring = make_handler("ignoring", is_async=handler_is_async, ignore=[flag])
    listening = make_handler("listening", is_async=handler_is_async)
    for event in ALL_EVENTS:
        trace.begin_iteration(f"{flag}=True on one handler; the event: {event}")
        drive(manager_class(handlers=[ignoring, listening]), impl, event)
        silenced = FLAG_OF[event] == flag
        expected = ["listening"] if silenced else ["ignoring", "listening"]
        assert sorted(_receivers(trace, event)) == expected, (
            f"{flag}=True on one handler; event {event}: expected receivers {expected}, "
            f"trace:\n{trace.render()}"
        )


@pytest.mark.clause("IGNORE-02")
def test_on_text_is_never_skipped(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, handler_is_async: bool
) -> None:
    everything_ignored = make_handler("deaf", is_async=handler_is_async, ignore=FLAGS)
    drive(manager_class(handlers=[everything_ignored]), impl, "on_text")
    assert _receivers(trace, "on_text") == ["deaf"]


# --- errors ------------------------------------------------------------------


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.clause("ERROR-01")
@pytest.mark.parametrize("event", ALL_EVENTS)
def test_handler_error_is_logged_and_dispatch_continues(
    impl: Any,
    make_handler: Any,
    trace: Trace,
    manager_class: Any,
    handler_is_async: bool,
    event: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The message names neither the class nor the event, so each part of the
    # warning is checked on its own.
    error = ValueError("boom-7f3a")
    failing = make_handler("failing", is_async=handler_is_async, fail={event: error})
    after = make_handler("after", is_async=handler_is_async)
    with caplog.at_level(logging.WARNING):
        drive(manager_class(handlers=[failing, after]), impl, event)
    assert "after" in _receivers(trace, event), (
        f"the handler registered after the failing one must still receive {event}; "
        f"trace:\n{trace.render()}"
    )
    logged = _warnings(caplog)
    assert any("boom-7f3a" in m for m in logged), (
        f"expected a WARNING including the exception's message 'boom-7f3a' (the handler "
        f"raised {error!r} from {event}); warnings logged: {logged}"
    )
    if manager_class is impl.CallbackManager and handler_is_async:
        return  # a sync caller logs an async handler's error; naming it is not required
    name = type(failing).__name__
    assert any(name in m and event in m for m in logged), (
        f"expected a WARNING naming the handler class {name} and the event {event}; "
        f"warnings logged: {logged}"
    )


# Under a sync manager an async handler's coroutine runs after the handler
# loop, so its error cannot interrupt dispatch; that case is logged instead
# (test_async_handler_error_under_sync_manager_is_logged).
PROPAGATING = [
    ("CallbackManager", False),
    ("AsyncCallbackManager", False),
    ("AsyncCallbackManager", True),
]


@pytest.mark.clause("ERROR-02")
@pytest.mark.parametrize("event", ALL_EVENTS)
@pytest.mark.parametrize(
    ("manager_name", "is_async"),
    PROPAGATING,
    ids=["sync-manager-sync-handler", "async-manager-sync-handler", "async-manager-async-handler"],
)
def test_raise_error_propagates_the_same_exception(
    impl: Any, make_handler: Any, manager_name: str, is_async: bool, event: str
) -> None:
    error = KeyError(f"raised by {event}")
    failing = make_handler("failing", is_async=is_async, raise_error=True, fail={event: error})
    with pytest.raises(KeyError) as raised:
        drive(getattr(impl, manager_name)(handlers=[failing]), impl, event)
    assert raised.value is error, "the handler's own exception object must propagate"


@pytest.mark.clause("ERROR-03")
@pytest.mark.parametrize("in_loop", [False, True], ids=["no-loop", "inside-a-running-loop"])
def test_async_handler_error_with_raise_error_under_sync_manager_is_logged_or_raised(
    impl: Any, make_handler: Any, trace: Trace, caplog: pytest.LogCaptureFixture, in_loop: bool
) -> None:
    # Implementation-defined: langchain-core 1.8 logs it ("a pre-existing
    # asymmetry", callbacks/manager.py _run_coros); honouring raise_error as
    # for sync handlers is the fix asked for upstream. Either is accepted;
    # silence or another exception is not.
    error = KeyError("async failure")
    failing = make_handler(
        "failing", is_async=True, raise_error=True, fail={"on_chain_start": error}
    )
    manager = impl.CallbackManager(handlers=[failing])
    raised: BaseException | None = None

    def run() -> None:
        nonlocal raised
        try:
            drive(manager, impl, "on_chain_start")
        except Exception as exc:
            raised = exc

    async def run_in_loop() -> None:
        run()

    with caplog.at_level(logging.WARNING):
        if in_loop:
            asyncio.run(run_in_loop())
        else:
            run()
    assert "failing" in _receivers(trace, "on_chain_start"), f"trace:\n{trace.render()}"
    if raised is not None:
        assert raised is error, (
            f"expected the handler's own exception {error!r} to propagate (or none, logged); "
            f"observed {type(raised).__name__}: {raised!r}"
        )
        return
    logged = _warnings(caplog)
    assert any("async failure" in m for m in logged), (
        f"the exception neither propagated nor was logged as a WARNING; warnings: {logged}"
    )


@pytest.mark.clause("ERROR-04")
@pytest.mark.parametrize("event", [e for e in ALL_EVENTS if e != "on_chat_model_start"])
def test_not_implemented_error_is_logged_never_raised(
    impl: Any,
    make_handler: Any,
    manager_class: Any,
    handler_is_async: bool,
    event: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    error = NotImplementedError(f"{event} left out")
    lazy = make_handler("lazy", is_async=handler_is_async, raise_error=True, fail={event: error})
    with caplog.at_level(logging.WARNING):
        drive(manager_class(handlers=[lazy]), impl, event)
    logged = _warnings(caplog)
    assert any(f"{event} left out" in m for m in logged), (
        f"expected a WARNING including the NotImplementedError's message "
        f"{str(error)!r}; warnings logged: {logged}"
    )


# --- the chat model fallback -------------------------------------------------


@pytest.mark.clause("CHAT-01")
def test_chat_start_falls_back_to_llm_start_with_buffer_strings(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, handler_is_async: bool
) -> None:
    old_style = make_handler("old", is_async=handler_is_async, no_chat=True)
    conversations = [
        [impl.HumanMessage(content="hi"), impl.AIMessage(content="yo")],
        [impl.HumanMessage(content="second")],
    ]
    manager = manager_class(handlers=[old_style])
    runs = call(impl, manager, "on_chat_model_start", {}, conversations)
    starts = trace.of("old")
    assert [e.name for e in starts] == ["on_llm_start", "on_llm_start"], trace.render()
    assert [e.args["prompts"] for e in starts] == [["Human: hi\nAI: yo"], ["Human: second"]]
    assert [e.args["run_id"] for e in starts] == [r.run_id for r in runs]


@pytest.mark.clause("CHAT-02")
@pytest.mark.parametrize("flag", ["ignore_llm", "ignore_chat_model"])
def test_chat_fallback_honours_ignore_flags(
    impl: Any,
    make_handler: Any,
    trace: Trace,
    manager_class: Any,
    handler_is_async: bool,
    flag: str,
) -> None:
    old_style = make_handler("old", is_async=handler_is_async, no_chat=True, ignore=[flag])
    drive(manager_class(handlers=[old_style]), impl, "on_chat_model_start")
    assert trace.of("old") == [], trace.render()


# --- async handlers under a sync manager ---------------------------------------


@pytest.mark.clause("ASYNC-02")
def test_async_handler_completes_before_sync_call_returns(
    impl: Any, make_handler: Any, trace: Trace
) -> None:
    handler = make_handler("async", is_async=True)
    manager = impl.CallbackManager(handlers=[handler])
    run_manager = call(impl, manager, "on_chain_start", {}, {"x": 1})
    received = trace.names()
    assert received == ["on_chain_start"], (
        f"when on_chain_start returned, the async handler had received {received or 'nothing'}; "
        "it must have received on_chain_start by then (an event it gets later, from a "
        "background loop or thread, arrives too late for the caller)"
    )
    call(impl, run_manager, "on_chain_end", {"y": 2})
    received = trace.names()
    assert received == ["on_chain_start", "on_chain_end"], (
        f"when on_chain_end returned, the async handler had received {received}"
    )


@pytest.mark.clause("ASYNC-02")
def test_async_handler_under_sync_manager_inside_running_loop(
    impl: Any, make_handler: Any, trace: Trace
) -> None:
    handler = make_handler("async", is_async=True)
    manager = impl.CallbackManager(handlers=[handler])

    async def caller() -> int:
        manager.on_chain_start({}, {"x": 1})  # called from a coroutine: a loop is running
        received = trace.names()
        assert received == ["on_chain_start"], (
            "called from inside a running event loop, on_chain_start returned before the async "
            f"handler had received it (it had received {received or 'nothing'} at that point; "
            "anything listed under the events below arrived only later)"
        )
        return threading.get_ident()

    caller_thread = asyncio.run(caller())
    assert trace[0].thread != caller_thread, "must run on a worker thread, not the busy loop"


# --- async managers ----------------------------------------------------------


@pytest.mark.clause("ORDER-02")
@pytest.mark.parametrize("event", [e for e in ALL_EVENTS if e not in RUN_EVENTS])
def test_async_manager_runs_inline_handlers_first_in_order(
    impl: Any, make_handler: Any, trace: Trace, handler_is_async: bool, event: str
) -> None:
    handlers = [
        make_handler("free0", is_async=handler_is_async),
        make_handler("inline1", is_async=handler_is_async, run_inline=True),
        make_handler("free2", is_async=handler_is_async),
        make_handler("inline3", is_async=handler_is_async, run_inline=True),
    ]
    drive(impl.AsyncCallbackManager(handlers=handlers), impl, event)
    received = _receivers(trace, event)
    assert received[:2] == ["inline1", "inline3"], f"trace:\n{trace.render()}"
    assert sorted(received[2:]) == ["free0", "free2"], f"trace:\n{trace.render()}"


@pytest.mark.clause("ORDER-02")
def test_async_llm_start_with_several_prompts_orders_inline_handlers_first(
    impl: Any, make_handler: Any, trace: Trace
) -> None:
    handlers = [
        make_handler("free", is_async=True),
        make_handler("inline", is_async=True, run_inline=True),
    ]
    manager = impl.AsyncCallbackManager(handlers=handlers)
    call(impl, manager, "on_llm_start", {}, ["p1", "p2", "p3"])
    received = [(e.handler, e.args["prompts"]) for e in trace]
    inline_part = [("inline", ["p1"]), ("inline", ["p2"]), ("inline", ["p3"])]
    assert received[:3] == inline_part, f"trace:\n{trace.render()}"
    assert sorted(received[3:]) == [("free", ["p1"]), ("free", ["p2"]), ("free", ["p3"])], (
        f"trace:\n{trace.render()}"
    )


@pytest.mark.clause("ORDER-03")
def test_async_manager_runs_other_handlers_concurrently(impl: Any) -> None:
    # The first handler waits for the second one's signal: delivered one after
    # the other, the first would time out before the second ever ran.
    seen: list[bool] = []

    async def scenario() -> None:
        signal = asyncio.Event()

        class Waiter(impl.AsyncCallbackHandler):  # type: ignore[misc]
            async def on_chain_start(self, *args: Any, **kwargs: Any) -> None:
                try:
                    await asyncio.wait_for(signal.wait(), timeout=2)
                    seen.append(True)
                except asyncio.TimeoutError:
                    seen.append(False)

        class Signaller(impl.AsyncCallbackHandler):  # type: ignore[misc]
            async def on_chain_start(self, *args: Any, **kwargs: Any) -> None:
                signal.set()

        await impl.AsyncCallbackManager(handlers=[Waiter(), Signaller()]).on_chain_start({}, {})

    asyncio.run(scenario())
    assert seen == [True], "the waiting handler never saw the other handler's signal"


@pytest.mark.clause("ASYNC-03")
@pytest.mark.parametrize(
    ("run_inline", "on_loop_thread"), [(False, False), (True, True)], ids=["executor", "inline"]
)
def test_async_manager_places_sync_handlers(
    impl: Any, make_handler: Any, trace: Trace, run_inline: bool, on_loop_thread: bool
) -> None:
    # A sync handler that is not inline must not block the loop: it runs on a
    # worker thread, in a copy of the caller's context.  An inline one runs on
    # the loop's own thread.
    handler = make_handler("sync", run_inline=run_inline)

    async def caller() -> int:
        PROBE.set("set by the caller")
        await impl.AsyncCallbackManager(handlers=[handler]).on_chain_start({}, {})
        return threading.get_ident()

    loop_thread = asyncio.run(caller())
    (event,) = trace
    assert (event.thread == loop_thread) is on_loop_thread, (
        f"run_inline={run_inline}: expected the handler "
        f"{'on' if on_loop_thread else 'off'} the loop thread"
    )
    assert event.probe == "set by the caller", "the caller's context variables must be visible"
