"""The canonical encoding: what each kind of value becomes, for the reference's and
langchain-core's data types alike, and that encoding never fails."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import decimal
import enum
import json
import math
import uuid
from typing import Any

import pytest
import tenacity
from hypothesis import given
from hypothesis import strategies as st
from langchain_core import agents as lc_agents
from langchain_core import documents as lc_documents
from langchain_core import messages as lc_messages
from langchain_core import outputs as lc_outputs
from langchain_core.prompt_values import ChatPromptValue
from pydantic import BaseModel

import reference
from conformance.encoding import (
    EVENT_NAMES,
    EVENTS,
    MAX_DEPTH,
    encode,
    encode_event,
    fallback,
    to_json_line,
)
from conformance.schemas import check_payload

RUN = uuid.UUID("1b2f6a3c-8d4e-4f0a-9b1c-2d3e4f5a6b7c")


def _validates_as(definition: str, value: Any) -> None:
    """``value`` is valid against the shared definition ``definition``."""
    from jsonschema import Draft202012Validator

    from conformance.schemas import registry

    checker = Draft202012Validator(
        {"$ref": f"https://callbacks-conformance.example/schemas/v1/defs.json#/$defs/{definition}"},
        registry=registry(),
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(value)]
    assert errors == [], errors


# --- JSON values and containers -------------------------------------------------------


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    )
)
def test_json_values_encode_to_themselves(value: Any) -> None:
    encoded = encode(value)
    assert encoded == value
    assert json.loads(json.dumps(encoded)) == value


class Colour(str, enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Shape(enum.Enum):
    SQUARE = (4, "corners")


def test_scalar_subclasses_become_plain_values() -> None:
    assert type(encode(Colour.RED)) is str
    assert encode(Colour.RED) == "red"
    assert encode(Level.HIGH) == 3
    assert type(encode(Level.HIGH)) is int
    assert encode(Shape.SQUARE) == [4, "corners"]


def test_uuids_become_their_canonical_string() -> None:
    assert encode(RUN) == "1b2f6a3c-8d4e-4f0a-9b1c-2d3e4f5a6b7c"
    assert encode({RUN: 1}) == {str(RUN): 1}


def test_containers() -> None:
    assert encode((1, (2, 3))) == [1, [2, 3]]
    assert encode({3, 1, 2}) == [1, 2, 3]
    assert encode(frozenset({"b", "a"})) == ["a", "b"]
    assert encode({1: "a", None: "b", False: "c", 2.5: "d", (1, 2): "e"}) == {
        "1": "a",
        "null": "b",
        "false": "c",
        "2.5": "d",
        "(1, 2)": "e",
    }
    assert encode(range(3)) == [0, 1, 2]


def test_sets_encode_in_a_stable_order_whatever_their_members() -> None:
    assert encode({"b", 1, None}) == encode({None, 1, "b"})


def test_dates_become_iso_8601_text() -> None:
    moment = datetime.datetime(2024, 5, 1, 12, 0, 0, 123, tzinfo=datetime.timezone.utc)
    assert encode(moment) == "2024-05-01T12:00:00.000123+00:00"
    assert datetime.datetime.fromisoformat(encode(moment)) == moment
    assert encode(datetime.date(2024, 5, 1)) == "2024-05-01"


@dataclasses.dataclass
class Point:
    x: int
    y: tuple[int, int]


class Settings(BaseModel):
    name: str
    ids: list[uuid.UUID]


def test_dataclasses_and_pydantic_models_become_objects_of_their_fields() -> None:
    assert encode(Point(1, (2, 3))) == {"x": 1, "y": [2, 3]}
    assert encode(Settings(name="n", ids=[RUN])) == {"name": "n", "ids": [str(RUN)]}


def test_langchain_serializable_objects_use_the_constructor_form() -> None:
    value = ChatPromptValue(messages=[lc_messages.HumanMessage("hi")])
    encoded = encode(value)
    assert encoded["lc"] == 1
    assert encoded["type"] == "constructor"
    assert encoded["id"][-1] == "ChatPromptValue"
    assert encoded["kwargs"]["messages"] == [lc_messages.message_to_dict(value.messages[0])]


# --- values JSON cannot hold --------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [b"\x00\xffbytes", float("nan"), float("inf"), -math.inf, decimal.Decimal("1.10"), 2 + 3j],
)
def test_values_json_cannot_hold_keep_a_literal_repr(value: Any) -> None:
    encoded = encode(value)
    _validates_as("not_implemented", encoded)
    assert encoded["id"] == [*type(value).__module__.split("."), type(value).__qualname__]
    text = encoded["repr"]
    restored = (
        decimal.Decimal(text[len("Decimal('") : -2])
        if isinstance(value, decimal.Decimal)
        else float(text)
        if isinstance(value, float)
        else ast.literal_eval(text)
    )
    assert restored == value or (isinstance(value, float) and math.isnan(value))
    json.dumps(encoded, allow_nan=False)


def test_functions_and_classes_are_named_by_their_own_path() -> None:
    assert encode(len)["id"] == ["builtins", "len"]
    assert encode(Point)["id"] == [*__name__.split("."), "Point"]
    assert encode(object())["id"] == ["builtins", "object"]


def test_cycles_and_deep_nesting_end_in_the_fallback() -> None:
    loop: list[Any] = [1]
    loop.append(loop)
    encoded = encode(loop)
    assert encoded[0] == 1
    assert encoded[1]["type"] == "not_implemented"
    deep: Any = []
    for _ in range(MAX_DEPTH + 50):
        deep = [deep]
    json.dumps(encode(deep))


class Hostile:
    """Raises from every attribute read and from repr."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("no attributes here")

    def __repr__(self) -> str:
        raise RuntimeError("no repr either")


class LooksLikeAMessage:
    content = "hi"
    type = "human"

    @property
    def additional_kwargs(self) -> dict[str, Any]:
        raise RuntimeError("broken property")


def test_encoding_never_raises() -> None:
    assert encode(Hostile())["repr"] == "<unrepresentable Hostile>"
    assert encode(LooksLikeAMessage())["type"] == "not_implemented"
    assert encode({"k": Hostile()})["k"]["type"] == "not_implemented"


# --- the callbacks API's data types ----------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        lc_messages.HumanMessage("hi", id="m1"),
        lc_messages.SystemMessage([{"type": "text", "text": "be brief"}]),
        lc_messages.AIMessage(
            "x",
            tool_calls=[{"name": "f", "args": {"a": 1}, "id": "c1"}],
            usage_metadata={"input_tokens": 1, "output_tokens": 2, "total_tokens": 3},
        ),
        lc_messages.AIMessageChunk(content="x", chunk_position="last"),
        lc_messages.ToolMessage("out", tool_call_id="c1", artifact={"rows": 3}),
        lc_messages.ChatMessage(content="c", role="critic"),
        lc_messages.FunctionMessage(content="f", name="fn"),
    ],
    ids=lambda m: type(m).__name__,
)
def test_langchain_messages_follow_langchains_message_dict_form(message: Any) -> None:
    encoded = encode(message)
    assert encoded == lc_messages.message_to_dict(message)
    _validates_as("message", encoded)


def test_reference_messages_have_the_same_form() -> None:
    human = encode(reference.HumanMessage("hi"))
    assert human == {
        "type": "human",
        "data": {
            "content": "hi",
            "additional_kwargs": {},
            "response_metadata": {},
            "type": "human",
            "name": None,
            "id": None,
        },
    }
    assert human == lc_messages.message_to_dict(lc_messages.HumanMessage("hi"))
    usage = {"input_tokens": 4, "output_tokens": 1, "total_tokens": 5}
    ai = encode(reference.AIMessage("a", usage_metadata=usage))
    assert ai["data"]["usage_metadata"] == usage
    _validates_as("message", ai)
    _validates_as("message", encode(reference.ToolMessage("t", tool_call_id="c")))


@pytest.mark.parametrize("impl", ["reference", "langchain_core"])
def test_results_documents_and_agent_steps(impl: str) -> None:
    if impl == "reference":
        ai, generation, chat, result = (
            reference.AIMessage,
            reference.Generation,
            reference.ChatGeneration,
            reference.LLMResult,
        )
        document, action, finish = reference.Document, reference.AgentAction, reference.AgentFinish
    else:
        ai, generation, chat, result = (
            lc_messages.AIMessage,
            lc_outputs.Generation,
            lc_outputs.ChatGeneration,
            lc_outputs.LLMResult,
        )
        document, action, finish = (
            lc_documents.Document,
            lc_agents.AgentAction,
            lc_agents.AgentFinish,
        )
    llm_result = encode(
        result(
            generations=[[generation(text="t")], [chat(message=ai(content="c"))]],
            llm_output={"token_usage": {}},
        )
    )
    _validates_as("llm_result", llm_result)
    assert [g["type"] for [g] in llm_result["generations"]] == ["Generation", "ChatGeneration"]
    assert llm_result["generations"][1][0]["text"] == "c"
    doc = encode(document(page_content="p", metadata={"at": datetime.date(2024, 1, 1)}))
    assert doc == {
        "type": "Document",
        "page_content": "p",
        "metadata": {"at": "2024-01-01"},
        "id": None,
    }
    step = encode(action(tool="t", tool_input={"q": (1, 2)}, log="l"))
    assert step == {"type": "AgentAction", "tool": "t", "tool_input": {"q": [1, 2]}, "log": "l"}
    assert encode(finish(return_values={"o": 1}, log="l")) == {
        "type": "AgentFinish",
        "return_values": {"o": 1},
        "log": "l",
    }


def test_langchain_chunks_and_run_info() -> None:
    chunk = encode(lc_outputs.ChatGenerationChunk(message=lc_messages.AIMessageChunk(content="to")))
    assert chunk["type"] == "ChatGenerationChunk"
    assert chunk["message"]["type"] == "AIMessageChunk"
    _validates_as("chunk", chunk)
    text_chunk = encode(lc_outputs.GenerationChunk(text="to"))
    assert text_chunk == {"type": "GenerationChunk", "text": "to", "generation_info": None}
    _validates_as("chunk", text_chunk)
    run_info = lc_outputs.RunInfo(run_id=RUN)
    result = encode(lc_outputs.LLMResult(generations=[], run=[run_info]))
    assert result["run"] == [{"run_id": str(RUN)}]
    _validates_as("llm_result", result)


def test_agent_action_message_log() -> None:
    step = encode(
        lc_agents.AgentActionMessageLog(
            tool="t", tool_input="i", log="l", message_log=[lc_messages.AIMessage("x")]
        )
    )
    assert step["type"] == "AgentActionMessageLog"
    assert step["message_log"][0]["type"] == "ai"
    _validates_as("agent_action", step)


def test_errors_keep_class_module_and_message() -> None:
    class LocalError(Exception):
        pass

    assert encode(KeyError("k")) == {"type": "KeyError", "module": "builtins", "message": "'k'"}
    local = encode(LocalError("boom"))
    assert local["type"].endswith("LocalError")
    assert local["module"] == __name__
    _validates_as("error", local)


def _retry_state(outcome: str) -> tenacity.RetryCallState:
    def fetch() -> None:
        return None

    state = tenacity.RetryCallState(tenacity.Retrying(), fetch, (), {})
    if outcome == "failed":
        state.set_exception((TimeoutError, TimeoutError("slow"), None))
    elif outcome == "result":
        state.set_result({"rows": (1, 2)})
    state.idle_for = 1.5
    state.upcoming_sleep = 0.25
    return state


@pytest.mark.parametrize("outcome", ["failed", "result", "none"])
def test_tenacity_retry_states(outcome: str) -> None:
    encoded = encode(_retry_state(outcome))
    _validates_as("retry_state", encoded)
    assert encoded["attempt_number"] == 1
    assert encoded["idle_for"] == 1.5
    assert encoded["upcoming_sleep"] == 0.25
    assert encoded["fn"].endswith("fetch")
    if outcome == "failed":
        assert encoded["outcome"] == {
            "failed": True,
            "error": {"type": "TimeoutError", "module": "builtins", "message": "slow"},
        }
    elif outcome == "result":
        assert encoded["outcome"] == {"failed": False, "result": {"rows": [1, 2]}}
    else:
        assert encoded["outcome"] is None
        assert encoded["seconds_since_start"] is None


# --- payloads ------------------------------------------------------------------------


def test_documented_parameters_are_the_sync_and_async_handlers_together() -> None:
    assert [p.name for p in EVENTS["on_text"]] == ["text", "run_id", "parent_run_id", "tags"]
    assert [p.name for p in EVENTS["on_retry"]] == ["retry_state", "run_id", "parent_run_id"]
    required = {e: [p.name for p in EVENTS[e] if p.required] for e in EVENT_NAMES}
    assert required["on_tool_start"] == ["serialized", "input_str", "run_id"]
    assert required["on_custom_event"] == ["name", "data", "run_id"]


def test_payload_binds_positional_and_keyword_arguments_to_documented_names() -> None:
    payload = encode_event(
        "on_chain_start",
        ({"name": "c"}, {"q": 1}),
        {"run_id": RUN, "tags": ("a",), "name": "Seq", "run_type": None},
    )
    assert payload == {
        "event": "on_chain_start",
        "serialized": {"name": "c"},
        "inputs": {"q": 1},
        "run_id": str(RUN),
        "tags": ["a"],
        "kwargs": {"name": "Seq", "run_type": None},
    }
    assert check_payload(payload) == []


def test_payload_keeps_what_does_not_fit_where_no_schema_accepts_it() -> None:
    surplus = encode_event("on_text", ("t", RUN), {})
    assert surplus["args"] == [str(RUN)]
    assert "run_id" not in surplus
    pointers = {p.pointer for p in check_payload(surplus)}
    assert pointers == {"/args", "/run_id"}
    twice = encode_event("on_text", ("t",), {"text": "again", "run_id": RUN})
    assert twice["text"] == "t"
    assert twice["args"] == ["again"]
    undocumented = encode_event("on_stream_event", ({"e": 1},), {"run_id": RUN})
    assert undocumented == {
        "event": "on_stream_event",
        "args": [{"e": 1}],
        "kwargs": {"run_id": str(RUN)},
    }


def test_json_lines_are_compact_strict_and_always_writable() -> None:
    assert to_json_line({"a": [1, "é"]}) == '{"a":[1,"é"]}'
    assert to_json_line(encode({"x": float("nan")}))  # the fallback form, no NaN literal
    with pytest.raises(ValueError, match="JSON compliant"):
        to_json_line({"x": float("inf")})
    lone = to_json_line({"s": "\udc80"})
    lone.encode("utf-8")
    assert json.loads(lone) == {"s": "\udc80"}


_python_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.binary(max_size=8)
    | st.uuids()
    | st.datetimes()
    | st.decimals()
    | st.complex_numbers()
    | st.sampled_from([Colour.RED, Level.HIGH, len, object]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.frozensets(st.integers() | st.text(), max_size=4)
        | st.dictionaries(st.text() | st.integers() | st.uuids(), inner, max_size=4)
        | st.builds(Point, st.integers(), st.tuples(st.integers(), st.integers()))
    ),
    max_leaves=20,
)


@given(_python_values)
def test_any_value_encodes_to_strict_json(value: Any) -> None:
    encoded = encode(value)
    line = to_json_line(encoded)
    assert json.loads(line) == json.loads(json.dumps(encoded))
    assert fallback(value)["type"] == "not_implemented"
