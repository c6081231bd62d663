"""The dispatch rules over random handler sets: who receives each event, and in what order.

A random set of handlers (sync and async; random ignore flags, run_inline,
raise_error on handlers that never fail; some raising from some events; some
without ``on_chat_model_start``) is registered on a manager, and every
documented event is driven through it.  The receivers are predicted from
the handler specs alone:

* a handler receives an event unless one of its ignore flags skips it
  (IGNORE-01, IGNORE-02), with the chat model fallback (CHAT-02);
* CallbackManager: one after another in registration order (ORDER-01).
  With both sync and async handlers the order is checked within each kind:
  the async handlers' coroutines can only run once the loop over the
  handlers is done, and both implementations run them then;
* AsyncCallbackManager: the run_inline handlers first, in registration
  order, then the others, in any order (ORDER-02).  ``on_llm_start`` with
  both kinds present is left to the example tests (langchain-core #39633);
* a handler that raises (raise_error false) has its error logged, and
  every handler after it still receives the event (ERROR-01).

Each check names its own clauses (``support.checking``), so a failure is
reported against them, not against every clause of the test: the order
check against ORDER-01 or ORDER-02, the check of who received an event
against the clauses that explain each difference (:func:`blame`), the
error checks against ERROR-01.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.suite.strategies import (
    QUICK_FAILURE_SETTINGS,
    HandlerFailure,
    HandlerSpec,
    drive_events,
    handler_specs,
    is_mixed_inline,
    restart,
)
from conformance.suite.support import ALL_EVENTS, Trace, checking

Delivery = tuple[str, str]  # (handler label, event name the handler was called with)


def predicted(specs: list[HandlerSpec], event: str) -> list[Delivery]:
    """Who is called when ``event`` is dispatched, in registration order, and with what."""
    deliveries = []
    for spec in specs:
        received = spec.receives(event)
        if received is not None:
            deliveries.append((spec.label, received))
    return deliveries


def observed(trace: Trace, event: str) -> list[Delivery]:
    """Deliveries of ``event`` in the trace (``drive`` may have started a run first)."""
    names = {event, "on_llm_start"} if event == "on_chat_model_start" else {event}
    return [(e.handler, e.name) for e in trace if e.name in names]


def only(deliveries: list[Delivery], labels: set[str]) -> list[Delivery]:
    return [d for d in deliveries if d[0] in labels]


def describe(
    specs: list[HandlerSpec], expected: list[Delivery], got: list[Delivery], trace: Trace
) -> str:
    """The failure context (built only when an assertion fails)."""
    return f"handlers: {specs}\nexpected {expected}\nobserved {got}\ntrace:\n{trace.render()}"


def blame(
    specs: list[HandlerSpec],
    event: str,
    expected: list[Delivery],
    got: list[Delivery],
    order_clause: str,
    *,
    concurrent: bool,
) -> tuple[str, ...]:
    """The clauses that explain the differences between the expected and the observed
    receivers of ``event``, each difference on its own.

    A delivery missing at a handler with ignore flags, or made although they
    skip it, is put down to the flags: IGNORE-02 for ``on_text``, CHAT-02 for
    the chat model fallback's ``on_llm_start``, IGNORE-01 otherwise.  A
    delivery missing after another handler raised from the event is put down
    to ERROR-01: a handler registered before it, or any other one when the
    handlers run ``concurrent``-ly or the one missing it is async (a sync
    manager runs async handlers after the sync ones).  What neither explains
    (a handler without flags skipped or called twice) breaks the manager's
    delivery to each of its handlers in turn: ``order_clause``.  A difference
    with several explanations names them all.
    """
    spec_of = {spec.label: spec for spec in specs}
    position = {spec.label: index for index, spec in enumerate(specs)}
    raisers = {label for label, name in got if spec_of[label].raises_from(name)}
    extra = Counter(got) - Counter(expected)
    missing = Counter(expected) - Counter(got)
    clauses: list[str] = []
    for (label, name), is_missing in [*((d, False) for d in extra), *((d, True) for d in missing)]:
        spec = spec_of[label]
        explained = []
        # A flag explains a delivery missing, or one made although the flags skip it
        # (not a second one of a delivery the flags let through).
        if spec.ignore and (is_missing or (label, name) not in expected):
            if event == "on_text":
                explained.append("IGNORE-02")
            elif event == "on_chat_model_start" and name == "on_llm_start":
                explained.append("CHAT-02")
            else:
                explained.append("IGNORE-01")
        anyone = concurrent or spec.is_async
        if is_missing and any(
            other != label and (anyone or position[other] < position[label]) for other in raisers
        ):
            explained.append("ERROR-01")
        for cid in explained or [order_clause]:
            if cid not in clauses:
                clauses.append(cid)
    return tuple(clauses)


def check_errors_logged(
    specs: list[HandlerSpec], expected: list[Delivery], caplog: pytest.LogCaptureFixture, what: str
) -> None:
    """Every failing delivery was logged as a warning carrying the handler's exception."""
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    spec_of = {spec.label: spec for spec in specs}
    for label, name in expected:
        if spec_of[label].raises_from(name):
            message = spec_of[label].failure_message(name)
            assert any(message in w for w in warnings), (
                f"{what}: handler {label} raised {message!r} (raise_error=False); expected a "
                f"WARNING carrying it, observed warnings {warnings}"
            )


OrderCheck = Callable[[str, list[Delivery], list[Delivery]], None]


def dispatch_and_check(
    manager: Any,
    impl: Any,
    specs: list[HandlerSpec],
    trace: Trace,
    caplog: pytest.LogCaptureFixture,
    events: list[str],
    check_order: OrderCheck,
    order_clause: str,
) -> None:
    """Drive each event through ``manager`` and check who received it, how, in what order
    (``check_order(what, expected, observed)``, the check of ``order_clause``), and that
    every error was logged."""
    concurrent = order_clause == "ORDER-02"  # an async manager's handlers run concurrently

    @contextmanager
    def checked(event: str) -> Iterator[None]:
        restart(trace)  # each event's check stands alone, and so does its reproduction
        caplog.clear()
        expected = predicted(specs, event)
        what = f"{type(manager).__name__}, {event}"
        with caplog.at_level(logging.WARNING):
            try:
                yield
            except HandlerFailure as error:
                got = observed(trace, event)
                with checking("ERROR-01"):
                    raise AssertionError(
                        f"{what}: a handler's error reached the caller although no failing "
                        f"handler has raise_error; expected it logged and dispatch to go on, "
                        f"observed {error!r} raised\n{describe(specs, expected, got, trace)}"
                    ) from error
        got = observed(trace, event)
        if sorted(got) != sorted(expected):
            clauses = blame(specs, event, expected, got, order_clause, concurrent=concurrent)
            with checking(*clauses):
                raise AssertionError(
                    f"{what}: expected exactly the handlers the ignore flags let through, once "
                    f"each (a difference here fails {', '.join(clauses)})\n"
                    f"{describe(specs, expected, got, trace)}"
                )
        with checking(order_clause):
            check_order(what, expected, got)
        with checking("ERROR-01"):
            check_errors_logged(specs, expected, caplog, what)

    drive_events(manager, impl, events, checked)


@pytest.mark.clause("ORDER-01", "IGNORE-01", "IGNORE-02", "CHAT-02", "ERROR-01")
@QUICK_FAILURE_SETTINGS
@given(data=st.data())
def test_sync_manager_delivers_to_random_handler_sets_by_the_rules(
    impl: Any,
    make_handler: Any,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
) -> None:
    # The trace is fetched, not taken as an argument: hypothesis prints a failing
    # example's arguments, and the trace would show another example's events.
    trace: Trace = request.getfixturevalue("trace")
    specs = data.draw(handler_specs(), label="handlers")
    manager = impl.CallbackManager(handlers=[spec.build(make_handler) for spec in specs])
    kinds = {
        "sync": {s.label for s in specs if not s.is_async},
        "async": {s.label for s in specs if s.is_async},
    }

    def in_registration_order(what: str, expected: list[Delivery], got: list[Delivery]) -> None:
        # One after another in registration order.  An async handler's
        # coroutine may only run once the loop over the sync handlers is over,
        # so with both kinds present the order is checked within each kind.
        if all(kinds.values()):
            for kind, chosen in kinds.items():
                assert only(got, chosen) == only(expected, chosen), (
                    f"{what}: the {kind} handlers must be called in registration order\n"
                    f"{describe(specs, expected, got, trace)}"
                )
        else:
            assert got == expected, (
                f"{what}: expected registration order\n{describe(specs, expected, got, trace)}"
            )

    dispatch_and_check(
        manager, impl, specs, trace, caplog, ALL_EVENTS, in_registration_order, "ORDER-01"
    )


@pytest.mark.clause("ORDER-02", "IGNORE-01", "IGNORE-02", "CHAT-02", "ERROR-01")
@QUICK_FAILURE_SETTINGS
@given(data=st.data())
def test_async_manager_delivers_to_random_handler_sets_by_the_rules(
    impl: Any,
    make_handler: Any,
    request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
) -> None:
    # The trace is fetched, not taken as an argument: hypothesis prints a failing
    # example's arguments, and the trace would show another example's events.
    trace: Trace = request.getfixturevalue("trace")
    specs = data.draw(handler_specs(), label="handlers")
    manager = impl.AsyncCallbackManager(handlers=[spec.build(make_handler) for spec in specs])
    inline_labels = {s.label for s in specs if s.run_inline}
    # langchain-core 1.7 drops the other handlers' on_llm_start when run_inline
    # handlers are present too (langchain-ai/langchain#39633); the example
    # tests of ORDER-02 in test_dispatch.py keep that case, listed as a known
    # failure, so this property leaves it out.
    events = [e for e in ALL_EVENTS if not (e == "on_llm_start" and is_mixed_inline(specs))]

    def inline_first(what: str, expected: list[Delivery], got: list[Delivery]) -> None:
        inline = only(expected, inline_labels)
        assert got[: len(inline)] == inline, (
            f"{what}: the run_inline handlers must come first, in registration order\n"
            f"{describe(specs, expected, got, trace)}"
        )

    dispatch_and_check(manager, impl, specs, trace, caplog, events, inline_first, "ORDER-02")
