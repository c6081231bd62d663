"""Every event payload an implementation delivers validates against its JSON Schema.

Each test records what the implementation delivers with an
:class:`~conformance.recorder.EventRecorder` (built on the binding's own
``BaseCallbackHandler``), in the canonical encoding, and checks every
recorded payload against the schema of its event (``schemas/``).  A failure
names the event, the JSON pointer into the payload, and what is wrong there.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.recorder import EventRecorder
from conformance.schemas import check_payload
from conformance.suite.strategies import PROPERTY_SETTINGS
from conformance.suite.support import ALL_EVENTS, RUN_EVENTS, START_EVENTS, drive, run


def assert_payloads_valid(events: list[dict[str, Any]], expected: set[str]) -> None:
    """Every payload is valid, and each event in ``expected`` was delivered at least once."""
    problems = [
        f"  {p.event}: {p.pointer or '(root)'}: {p.message}\n    payload: {_short(payload)}"
        for payload in events
        for p in check_payload(payload)
    ]
    assert not problems, "payloads that do not match their event's schema:\n" + "\n".join(problems)
    delivered = {payload["event"] for payload in events}
    assert expected <= delivered, (
        f"expected the implementation to deliver {sorted(expected - delivered)}; "
        f"observed only {sorted(delivered)}"
    )


def _short(payload: dict[str, Any], limit: int = 400) -> str:
    text = json.dumps(payload, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@pytest.mark.clause("PAYLOAD-05")
@pytest.mark.parametrize("event", ALL_EVENTS)
def test_event_payload_matches_its_schema(impl: Any, manager_class: Any, event: str) -> None:
    recorder = EventRecorder.for_binding(impl)
    drive(manager_class(handlers=[recorder]), impl, event)
    assert_payloads_valid(recorder.events, {event})


@pytest.mark.clause("PAYLOAD-05")
def test_payloads_of_a_child_run_match_their_schemas(impl: Any, manager_class: Any) -> None:
    # Events of a run started from a parent run's child manager carry the
    # parent's id, inherited tags and metadata.
    recorder = EventRecorder.for_binding(impl)
    manager = manager_class(
        handlers=[recorder],
        inheritable_handlers=[recorder],
        tags=["local", "inherited"],
        inheritable_tags=["inherited"],
        metadata={"local": 1, "inherited": [1, 2]},
        inheritable_metadata={"inherited": [1, 2]},
    )
    parent = run(manager.on_chain_start({"name": "parent"}, {"question": "q"}))
    child = parent.get_child("child-tag")
    drive(child, impl, "on_tool_end")
    run(parent.on_chain_end({"answer": "a"}))
    assert_payloads_valid(recorder.events, {"on_chain_start", "on_tool_start", "on_tool_end"})


# --- varied arguments and run context -----------------------------------------------

_text = st.text(max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
#: Values a user may put in inputs, outputs, metadata or custom event data,
#: including some that JSON cannot hold as they are.
_anything = st.recursive(
    _json
    | st.uuids()
    | st.binary(max_size=4)
    | st.datetimes()
    | st.just(float("nan"))
    | st.sets(st.integers(), max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(_text, inner, max_size=3)
    ),
    max_leaves=8,
)
_usage = st.builds(
    lambda i, o: {"input_tokens": i, "output_tokens": o, "total_tokens": i + o},
    st.integers(0, 10**6),
    st.integers(0, 10**6),
)
_errors = st.builds(
    lambda kind, text: kind(text), st.sampled_from([ValueError, KeyError, RuntimeError]), _text
)


def _argument(draw: Any, impl: Any, event: str) -> tuple[Any, ...]:
    """Positional arguments for a start event, or the argument of a run event."""
    serialized = draw(st.none() | st.dictionaries(_text, _json, max_size=3), label="serialized")
    if event == "on_llm_start":
        return (serialized or {}, [draw(_text, label="prompt")])
    if event == "on_chat_model_start":
        content = draw(_text, label="message content")
        return (serialized or {}, [[impl.HumanMessage(content=content)]])
    if event == "on_chain_start":
        return (serialized, draw(_anything, label="chain inputs"))
    if event in ("on_tool_start", "on_retriever_start"):
        return (serialized, draw(_text, label="tool input or query"))
    if event.endswith("_error"):
        return (draw(_errors, label="error"),)
    if event == "on_llm_end":
        usage = draw(st.none() | _usage, label="usage metadata")
        text = draw(_text, label="generated text")
        message = impl.AIMessage(
            content=text, usage_metadata=usage, response_metadata={"model_name": "m"}
        )
        generation = draw(
            st.sampled_from([impl.Generation(text=text), impl.ChatGeneration(message=message)]),
            label="generation",
        )
        return (impl.LLMResult(generations=[[generation]]),)
    if event == "on_chain_end":
        return (draw(_anything, label="chain outputs"),)
    if event == "on_tool_end":
        return (draw(_anything, label="tool output"),)
    if event == "on_retriever_end":
        documents = draw(
            st.lists(
                st.builds(
                    lambda text, metadata: impl.Document(page_content=text, metadata=metadata),
                    _text,
                    st.dictionaries(_text, _anything, max_size=2),
                ),
                max_size=3,
            ),
            label="documents",
        )
        return (documents,)
    if event == "on_agent_action":
        tool_input = draw(_text | st.dictionaries(_text, _json, max_size=2), label="tool input")
        return (impl.AgentAction(tool="search", tool_input=tool_input, log="why"),)
    if event == "on_agent_finish":
        values = draw(st.dictionaries(_text, _anything, max_size=2), label="return values")
        return (impl.AgentFinish(return_values=values, log="done"),)
    if event == "on_retry":
        return ({"attempt_number": draw(st.integers(1, 10), label="attempt number")},)
    if event in ("on_text", "on_llm_new_token"):
        return (draw(_text, label="text or token"),)
    raise AssertionError(f"no argument for {event}")


@pytest.mark.clause("PAYLOAD-05")
@PROPERTY_SETTINGS
@given(data=st.data())
def test_payloads_match_their_schemas_whatever_the_values(
    impl: Any, manager_class: Any, data: st.DataObject
) -> None:
    draw = data.draw
    event = draw(st.sampled_from(ALL_EVENTS), label="event")
    recorder = EventRecorder.for_binding(impl)
    manager = manager_class(
        handlers=[recorder],
        parent_run_id=draw(st.none() | st.uuids(), label="parent run id"),
        tags=draw(st.lists(_text, max_size=3), label="tags"),
        metadata=draw(st.dictionaries(_text, _anything, max_size=3), label="metadata"),
    )
    run_id = draw(st.none() | st.uuids(), label="run id given to the manager")
    if event == "on_custom_event":
        name = draw(_text, label="custom event name")
        run(manager.on_custom_event(name, draw(_anything, label="custom event data")))
    elif event in START_EVENTS:
        run(getattr(manager, event)(*_argument(draw, impl, event), run_id=run_id))
    else:
        opener = RUN_EVENTS[event]
        runs = run(getattr(manager, opener)(*_argument(draw, impl, opener), run_id=run_id))
        run_manager = runs[0] if isinstance(runs, list) else runs
        run(getattr(run_manager, event)(*_argument(draw, impl, event)))
    assert_payloads_valid(recorder.events, {event})
