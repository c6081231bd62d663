"""The life of a run as each handler sees it (ORDER-04), over random run trees.

A random tree of runs (every kind of start event; up to four levels, each
child started from its parent's ``get_child()``) is played in a random
order a program could call it in (sibling runs overlap), against a random
set of sync and async handlers, under both managers.  Every handler is
inheritable, so every run reaches every handler, and what a handler must
see follows from its spec alone: the script's calls in call order, minus
what its ignore flags skip, with ``on_llm_start`` standing in for a chat
model start when it lacks ``on_chat_model_start``.  Per run that is one
start, then the run's tokens and intermediate events, then one end or
error.

Handlers may raise from some events.  Their ``raise_error`` is false, so
the error is logged and the runs must still complete, for them and for
every other handler.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.suite.strategies import (
    QUICK_FAILURE_SETTINGS,
    HandlerSpec,
    RunScript,
    handler_specs,
    play,
    restart,
    run_scripts,
    start_kinds,
)
from conformance.suite.support import START_EVENTS, Trace


def expected_stream(spec: HandlerSpec, script: RunScript) -> list[tuple[str, str]]:
    """(event, run label) pairs ``spec``'s handler must receive, in order.

    A start call delivers one start event per run it opens (one per prompt of
    an LLM or chat model start), in prompt order.
    """
    stream: list[tuple[str, str]] = []
    for call in script.calls:
        received = spec.receives(call.event)
        if received is not None:
            stream.extend((received, run) for run in script.opened_by(call) or (call.run,))
    return stream


def observed_stream(trace: Trace, label: str, label_of: dict[Any, str]) -> list[tuple[str, str]]:
    stream = []
    for event in trace.of(label):
        run_id = event.args.get("run_id")
        stream.append((event.name, label_of.get(run_id, f"<unknown run id {run_id}>")))
    return stream


def runs_of_one_start_sorted(stream: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``stream`` with each group of consecutive start events of one multi-prompt start
    in prompt order.

    ORDER-04 orders the events within a run; the runs of one LLM or chat model
    start are opened by a single call, and an AsyncCallbackManager may deliver
    their start events to a handler concurrently (RUN-01 is about their order).
    """
    result: list[tuple[str, str]] = []
    group: list[tuple[str, str]] = []
    for item in [*stream, ("", "")]:
        name, run = item
        batch = run.partition("#")[0]
        if group and name == group[0][0] and batch == group[0][1].partition("#")[0]:
            group.append(item)
            continue
        result.extend(sorted(group, key=lambda d: _prompt_index(d[1])))
        group = [item] if name in START_EVENTS else []
        if not group and item != ("", ""):
            result.append(item)
    return result


def _prompt_index(run: str) -> int:
    _, _, index = run.partition("#")
    return int(index) if index else 0


def first_difference(expected: list[Any], observed: list[Any]) -> str:
    for index, (want, got) in enumerate(zip(expected, observed, strict=False)):
        if want != got:
            return f"at position {index}: expected {want}, observed {got}"
    shorter = "observed" if len(observed) < len(expected) else "expected"
    return f"{shorter} stops after {min(len(expected), len(observed))} events"


@pytest.mark.clause("ORDER-04")
@QUICK_FAILURE_SETTINGS
@given(data=st.data())
def test_each_handler_sees_each_run_start_events_end_in_call_order(
    impl: Any,
    make_handler: Any,
    request: pytest.FixtureRequest,
    manager_class: Any,
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
) -> None:
    # The trace is fetched, not taken as an argument: hypothesis prints a failing
    # example's arguments, and the trace would show another example's events.
    trace: Trace = request.getfixturevalue("trace")
    restart(trace)
    specs = data.draw(handler_specs(), label="handlers")
    script = data.draw(run_scripts(kinds=start_kinds(manager_class, impl, specs)), label="runs")
    handlers = [spec.build(make_handler) for spec in specs]
    manager = manager_class(handlers=handlers, inheritable_handlers=list(handlers))

    # The failing handlers' errors are logged as WARNINGs, as they must be
    # (ERROR-01, checked elsewhere); kept here they would fill a failure
    # report with the warnings of every example hypothesis tried.
    with caplog.at_level(logging.ERROR):
        played = play(script, manager, impl, steps=trace.steps)

    label_of = played.label_of()
    for spec in specs:
        expected = expected_stream(spec, script)
        observed = runs_of_one_start_sorted(observed_stream(trace, spec.label, label_of))
        assert observed == expected, (
            f"{manager_class.__name__}: handler {spec} must receive each run's start, "
            f"its intermediate events, then its end or error, in call order; "
            f"{first_difference(expected, observed)}\n"
            f"expected (event, run): {expected}\nobserved (event, run): {observed}\n"
            f"runs (calls in order: {[(c.run, c.event) for c in script.calls]}):\n"
            f"{script.render()}\ntrace:\n{trace.render()}"
        )
