"""Runs: ids, payloads of start and run events, custom events, child managers."""

from __future__ import annotations

import inspect
import uuid
from typing import Any

import pytest

from conformance.suite.support import (
    RUN_EVENTS,
    SERIALIZED,
    Trace,
    call,
    checking,
    run,
    run_event_arg,
    start,
    start_args,
)

SINGLE_RUN_STARTS = ["on_chain_start", "on_tool_start", "on_retriever_start"]
PARENT_RUNS = SINGLE_RUN_STARTS  # runs that can have children (offer get_child)


def _context_manager(impl: Any, manager_class: Any, handlers: list[Any]) -> Any:
    return manager_class(
        handlers=handlers,
        inheritable_handlers=list(handlers),
        parent_run_id=uuid.UUID(int=7),
        tags=["local-tag", "shared-tag"],
        inheritable_tags=["shared-tag"],
        metadata={"local": 1, "shared": 2},
        inheritable_metadata={"shared": 2},
    )


# --- run ids -----------------------------------------------------------------


#: The parent run of the managers that start runs in the run id tests: a fresh
#: id must not be taken from it.
PARENT = uuid.UUID(int=7)


@pytest.mark.clause("RUN-01", "RUN-02")
@pytest.mark.parametrize("event", ["on_llm_start", "on_chat_model_start"])
@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("given", [False, True], ids=["fresh-id", "given-id"])
def test_model_start_opens_one_run_per_input(
    impl: Any,
    make_handler: Any,
    trace: Trace,
    manager_class: Any,
    event: str,
    count: int,
    given: bool,
) -> None:
    handler = make_handler("h")
    if event == "on_llm_start":
        items: list[Any] = [f"prompt {i}" for i in range(count)]
    else:
        items = [[impl.HumanMessage(content=f"message {i}")] for i in range(count)]
    run_id = uuid.uuid4() if given else None
    manager = manager_class(handlers=[handler], parent_run_id=PARENT)
    runs = call(impl, manager, event, SERIALIZED, items, run_id=run_id)
    key = "prompts" if event == "on_llm_start" else "messages"
    # Under an AsyncCallbackManager the runs' start events reach a handler
    # that is not run_inline from worker threads, in no promised order; what
    # is promised is one run per input and the run managers in input order.
    run_of = {repr(e.args[key]): e.args["run_id"] for e in trace}  # input -> its run's id
    event_ids = [e.args["run_id"] for e in trace]
    with checking("RUN-02"):
        assert len(set(event_ids)) == len(event_ids), f"run ids must be distinct: {event_ids}"
        assert all(isinstance(i, uuid.UUID) for i in event_ids)
        if given:
            first = run_of.get(repr([items[0]]))
            assert first == run_id, (
                f"the given run_id {run_id} names the first input's run: {first}"
            )
        fresh = [i for i in event_ids if i != run_id]
        assert PARENT not in fresh, (
            f"fresh run ids must be new UUIDs, not the manager's parent_run_id {PARENT}: "
            f"{event_ids}"
        )
    with checking("RUN-01"):
        assert len(trace) == count, f"one start event per input expected:\n{trace.render()}"
        expected_ids = [run_of.get(repr([item])) for item in items]
        assert None not in expected_ids, (
            f"each input must be delivered as a one-element list:\n{trace.render()}"
        )
        assert [r.run_id for r in runs] == expected_ids, (
            "the i-th run manager must carry the id of the i-th input's run: "
            f"expected {expected_ids}, observed {[r.run_id for r in runs]}"
        )
        if manager_class is impl.CallbackManager:
            in_order = [e.args[key] for e in trace]
            assert in_order == [[item] for item in items], "a sync manager starts them in order"


@pytest.mark.clause("RUN-02")
@pytest.mark.parametrize("event", SINGLE_RUN_STARTS)
def test_single_run_start_uses_given_or_fresh_run_id(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, event: str
) -> None:
    manager = manager_class(handlers=[make_handler("h")], parent_run_id=PARENT)
    given = uuid.uuid4()
    first = start(manager, impl, event, run_id=given)
    second = start(manager, impl, event)
    third = start(manager, impl, event)
    ids = [e.args["run_id"] for e in trace]
    assert ids[0] == given
    assert first.run_id == given
    assert isinstance(second.run_id, uuid.UUID)
    assert ids[1:] == [second.run_id, third.run_id]
    assert len({given, second.run_id, third.run_id}) == 3, f"fresh ids are fresh: {ids}"
    assert PARENT not in (second.run_id, third.run_id), (
        f"fresh run ids must be new UUIDs, not the manager's parent_run_id {PARENT}: {ids}"
    )


# --- payloads ----------------------------------------------------------------


@pytest.mark.clause("PAYLOAD-01")
@pytest.mark.parametrize("event", ["on_llm_start", "on_chat_model_start", *SINGLE_RUN_STARTS])
def test_start_event_carries_run_context(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, event: str
) -> None:
    manager = _context_manager(impl, manager_class, [make_handler("h")])
    run_manager = start(manager, impl, event)
    (delivered,) = trace
    expected = {
        "run_id": run_manager.run_id,
        "parent_run_id": uuid.UUID(int=7),
        "tags": ["local-tag", "shared-tag"],
        "metadata": {"local": 1, "shared": 2},
    }
    observed = {key: delivered.args.get(key) for key in expected}
    assert observed == expected
    assert delivered.args["serialized"] == SERIALIZED


@pytest.mark.clause("PAYLOAD-02")
def test_start_events_deliver_their_inputs(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any
) -> None:
    manager = manager_class(handlers=[make_handler("h")])
    for event in SINGLE_RUN_STARTS:
        start(manager, impl, event)
    tool_inputs = {"query": "weather"}
    call(impl, manager, "on_tool_start", SERIALIZED, "weather", inputs=tool_inputs)
    chain, tool, retriever, tool_with_inputs = (e.args for e in trace)
    assert chain["inputs"] == start_args(impl, "on_chain_start")[1]
    assert tool["input_str"] == "tool input"
    assert retriever["query"] == "a query"
    assert tool_with_inputs["inputs"] == tool_inputs, "a tool's structured inputs are passed on"


@pytest.mark.clause("PAYLOAD-02")
@pytest.mark.parametrize("inputs", ["a question", ["first", "second"]], ids=["str", "list"])
def test_chain_start_delivers_inputs_that_are_not_a_dict_as_given(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, inputs: Any
) -> None:
    # A runnable's input may be any value: it is delivered as it is, not wrapped.
    manager = manager_class(handlers=[make_handler("h")])
    call(impl, manager, "on_chain_start", SERIALIZED, inputs)
    (delivered,) = trace
    observed = delivered.args["inputs"]
    assert observed == inputs, (
        f"on_chain_start inputs: expected {inputs!r} as given, observed {observed!r}"
    )


@pytest.mark.clause("PAYLOAD-03")
@pytest.mark.parametrize("event", list(RUN_EVENTS))
def test_run_event_carries_argument_and_run_context(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, event: str
) -> None:
    manager = _context_manager(impl, manager_class, [make_handler("h")])
    run_manager = start(manager, impl, RUN_EVENTS[event])
    argument = run_event_arg(impl, event)
    trace.clear()
    call(impl, run_manager, event, argument)
    (delivered,) = trace
    first_parameter = next(iter(delivered.args))
    assert (
        delivered.args[first_parameter] is argument or delivered.args[first_parameter] == argument
    )
    observed = {k: delivered.args.get(k) for k in ("run_id", "parent_run_id", "tags")}
    assert observed == {
        "run_id": run_manager.run_id,
        "parent_run_id": uuid.UUID(int=7),
        "tags": ["local-tag", "shared-tag"],
    }


@pytest.mark.clause("PAYLOAD-04")
def test_new_token_carries_its_chunk(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any
) -> None:
    run_manager = start(manager_class(handlers=[make_handler("h")]), impl, "on_llm_start")
    chunk = impl.Generation(text="tok")
    trace.clear()
    call(impl, run_manager, "on_llm_new_token", "tok", chunk=chunk)
    assert trace[0].args["token"] == "tok"
    assert trace[0].args["chunk"] is chunk


@pytest.mark.clause("RUN-03")
@pytest.mark.parametrize("event", list(RUN_EVENTS))
def test_run_manager_without_handlers_delivers_nothing(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, event: str
) -> None:
    # A run whose manager has only inheritable handlers has no handlers of its
    # own: none of its events may reach the inheritable ones.
    only_inheritable = make_handler("inheritable-only")
    manager = manager_class(handlers=[], inheritable_handlers=[only_inheritable])
    run_manager = start(manager, impl, RUN_EVENTS[event])
    call(impl, run_manager, event, run_event_arg(impl, event))
    assert trace == [], trace.render()


# --- custom events -------------------------------------------------------------


@pytest.mark.clause("CUSTOM-02")
def test_custom_event_without_handlers_does_nothing(impl: Any, manager_class: Any) -> None:
    # Implementation-defined: returning quietly (nobody to tell) or rejecting the
    # unexpected keyword as a manager with handlers does (langchain-core 0.3.55
    # and before). Anything else -- another exception, a value -- is not accepted.
    manager = manager_class(handlers=[])
    assert run(manager.on_custom_event("e", {})) is None
    try:
        outcome = run(manager.on_custom_event("e", {}, unexpected=1))
    except ValueError:
        return
    assert outcome is None, f"expected None (or ValueError), got {outcome!r}"


@pytest.mark.clause("CUSTOM-02")
def test_custom_event_rejects_extra_keyword_arguments(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any
) -> None:
    manager = manager_class(handlers=[make_handler("h")])
    with pytest.raises(ValueError, match=r"."):
        call(impl, manager, "on_custom_event", "e", {}, unexpected=1)
    assert trace == []


@pytest.mark.clause("CUSTOM-01")
@pytest.mark.parametrize("given", [False, True], ids=["fresh-id", "given-id"])
def test_custom_event_delivers_name_data_and_context(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any, given: bool
) -> None:
    manager = _context_manager(impl, manager_class, [make_handler("h")])
    data = {"progress": 0.5}
    run_id = uuid.uuid4() if given else None
    call(impl, manager, "on_custom_event", "progress", data, run_id=run_id)
    (delivered,) = trace
    assert delivered.args["name"] == "progress"
    assert delivered.args["data"] == data
    assert isinstance(delivered.args["run_id"], uuid.UUID)
    if given:
        assert delivered.args["run_id"] == run_id
    assert delivered.args["tags"] == ["local-tag", "shared-tag"]
    assert delivered.args["metadata"] == {"local": 1, "shared": 2}


# --- child managers ------------------------------------------------------------


@pytest.mark.clause("INHERIT-01")
@pytest.mark.parametrize("event", PARENT_RUNS)
@pytest.mark.parametrize("tag", [None, "child-tag"])
def test_get_child_inherits_only_the_inheritable(
    impl: Any, make_handler: Any, manager_class: Any, event: str, tag: str | None
) -> None:
    local, inherited = make_handler("local"), make_handler("inherited")
    manager = manager_class(
        handlers=[local, inherited],
        inheritable_handlers=[inherited],
        tags=["local-tag", "shared-tag"],
        inheritable_tags=["shared-tag"],
        metadata={"local": 1, "shared": 2},
        inheritable_metadata={"shared": 2},
    )
    run_manager = start(manager, impl, event)
    child = run_manager.get_child() if tag is None else run_manager.get_child(tag)
    expected_class = (
        impl.AsyncCallbackManager
        if manager_class.__name__.startswith("Async")
        else impl.CallbackManager
    )
    assert isinstance(child, expected_class)
    assert child.parent_run_id == run_manager.run_id
    assert child.handlers == [inherited]
    assert child.inheritable_handlers == [inherited]
    assert child.tags == ["shared-tag"] + ([tag] if tag else [])
    assert child.inheritable_tags == ["shared-tag"], "the child's own tag is not passed on"
    assert child.metadata == {"shared": 2}
    assert child.inheritable_metadata == {"shared": 2}


#: The event that ends each kind of run, as a run-manager method.
END_EVENTS = {
    "on_llm_start": "on_llm_end",
    "on_chain_start": "on_chain_end",
    "on_tool_start": "on_tool_end",
    "on_retriever_start": "on_retriever_end",
}


@pytest.mark.clause("ASYNC-04")
@pytest.mark.parametrize("event", list(END_EVENTS))
def test_get_sync_gives_the_same_run_with_sync_methods(
    impl: Any, make_handler: Any, trace: Trace, event: str
) -> None:
    parent = uuid.UUID(int=7)
    manager = impl.AsyncCallbackManager(handlers=[make_handler("h")], parent_run_id=parent)
    async_run = start(manager, impl, event)
    sync_run = async_run.get_sync()
    assert sync_run.run_id == async_run.run_id
    assert sync_run.handlers == async_run.handlers
    assert sync_run.parent_run_id == parent, (
        f"parent_run_id: expected {parent}, observed {sync_run.parent_run_id}"
    )
    end = END_EVENTS[event]
    assert callable(getattr(sync_run, end, None)), (
        f"get_sync() of the run {event} started must offer {end}; "
        f"observed a {type(sync_run).__name__} without it"
    )
    for name, argument in (("on_text", "synchronously"), (end, run_event_arg(impl, end))):
        trace.clear()
        result = getattr(sync_run, name)(argument)  # not awaited: a sync run manager
        assert not inspect.isawaitable(result), f"{name} of the sync view returned {result!r}"
        assert trace.names() == [name], f"{name}: delivered before returning\n{trace.render()}"
        delivered = {k: trace[0].args.get(k) for k in ("run_id", "parent_run_id")}
        assert delivered == {"run_id": async_run.run_id, "parent_run_id": parent}, (
            f"{name} through get_sync(): expected the run's ids, observed {delivered}"
        )


@pytest.mark.clause("RUN-04")
def test_get_noop_manager_is_a_run_manager_without_handlers(
    impl: Any, make_handler: Any, trace: Trace, manager_class: Any
) -> None:
    for event in ["on_llm_start", *SINGLE_RUN_STARTS]:
        trace.begin_iteration(f"the run manager {event} returns")
        run_manager = start(manager_class(handlers=[make_handler("h")]), impl, event)
        noop = type(run_manager).get_noop_manager()
        assert type(noop) is type(run_manager)
        assert noop.handlers == []
        assert isinstance(noop.run_id, uuid.UUID)
        trace.clear()
        run(noop.on_text("nobody hears this"))
        assert trace == []
