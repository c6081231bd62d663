"""The reference's data helpers: add_usage, get_buffer_string and the plain data types."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference
from reference.messages import BaseMessage

ZERO = {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0}

# --- add_usage: examples ------------------------------------------------------


def test_add_usage_sums_nested_details_recursively() -> None:
    left = {
        "input_tokens": 5,
        "output_tokens": 1,
        "total_tokens": 6,
        "input_token_details": {"cache_read": 3, "audio": 1},
    }
    right = {
        "input_tokens": 2,
        "output_tokens": 10,
        "total_tokens": 12,
        "input_token_details": {"cache_read": 4},
        "output_token_details": {"reasoning": 7},
    }
    assert reference.add_usage(left, right) == {
        "input_tokens": 7,
        "output_tokens": 11,
        "total_tokens": 18,
        "input_token_details": {"cache_read": 7, "audio": 1},
        "output_token_details": {"reasoning": 7},
    }


def test_add_usage_counts_a_missing_key_as_zero() -> None:
    left = {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3, "extra": {"a": {"b": 4}}}
    right = {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3, "other": 5}
    assert reference.add_usage(left, right) == {
        "input_tokens": 2,
        "output_tokens": 4,
        "total_tokens": 6,
        "extra": {"a": {"b": 4}},
        "other": 5,
    }


@pytest.mark.parametrize(("left", "right"), [(None, None), ({}, {}), (None, {}), ({}, None)])
def test_add_usage_of_two_empty_records_is_zero(
    left: dict[str, Any] | None, right: dict[str, Any] | None
) -> None:
    assert reference.add_usage(left, right) == ZERO


@pytest.mark.parametrize("empty", [None, {}])
def test_add_usage_with_one_empty_side_gives_the_other(empty: dict[str, Any] | None) -> None:
    usage = {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3, "x": {"audio": 4}}
    assert reference.add_usage(usage, empty) == usage
    assert reference.add_usage(empty, usage) == usage


def test_add_usage_leaves_its_operands_unchanged() -> None:
    left = {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2, "d": {"a": 1}}
    right = {"input_tokens": 2, "output_tokens": 2, "total_tokens": 4, "d": {"a": 2}}
    reference.add_usage(left, right)
    assert left == {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2, "d": {"a": 1}}
    assert right == {"input_tokens": 2, "output_tokens": 2, "total_tokens": 4, "d": {"a": 2}}


@pytest.mark.parametrize(
    ("left", "right", "field"),
    [
        ({"input_tokens": "3"}, {"input_tokens": 1}, "input_tokens"),
        ({"input_tokens": 1.5}, {}, "input_tokens"),
        ({"output_tokens": 1}, {"output_tokens": None, "total_tokens": [1]}, "total_tokens"),
        ({"input_token_details": {"audio": 1}}, {"input_token_details": 2}, "input_token_details"),
        (
            {"output_token_details": {"reasoning": "many"}},
            {"output_token_details": {"reasoning": 1}},
            "output_token_details.reasoning",
        ),
    ],
    ids=["str", "float-one-side", "list", "dict-and-int", "nested-str"],
)
def test_add_usage_rejects_other_values_naming_the_field(
    left: dict[str, Any], right: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValueError, match=rf"\b{re.escape(field)}\b"):
        reference.add_usage(left, right)


# --- add_usage: properties ----------------------------------------------------

_COUNT = st.integers(min_value=0, max_value=10**12)
_LEAF_KEYS = ["audio", "cache_read", "cache_creation", "reasoning"]
_NESTED_KEYS = ["input_token_details", "output_token_details", "extra_details"]


def _details(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    """Nested detail dicts: leaf keys hold counts, nested keys hold deeper details."""
    leaves = {key: _COUNT for key in _LEAF_KEYS}
    if depth == 0:
        return st.fixed_dictionaries({}, optional=leaves)
    nested = {key: _details(depth - 1) for key in _NESTED_KEYS}
    return st.fixed_dictionaries({}, optional={**leaves, **nested})


_RECORD = st.fixed_dictionaries(
    {"input_tokens": _COUNT, "output_tokens": _COUNT, "total_tokens": _COUNT},
    optional={key: _details(2) for key in _NESTED_KEYS},
)

_PROPERTY = settings(max_examples=200, deadline=None, database=None)


@_PROPERTY
@given(_RECORD, _RECORD)
def test_add_usage_is_commutative(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert reference.add_usage(a, b) == reference.add_usage(b, a)


@_PROPERTY
@given(_RECORD, _RECORD, _RECORD)
def test_add_usage_is_associative(a: dict[str, Any], b: dict[str, Any], c: dict[str, Any]) -> None:
    left_first = reference.add_usage(reference.add_usage(a, b), c)
    right_first = reference.add_usage(a, reference.add_usage(b, c))
    assert left_first == right_first


@_PROPERTY
@given(_RECORD)
def test_add_usage_has_zero_as_identity(a: dict[str, Any]) -> None:
    for zero in (None, {}, dict(ZERO)):
        assert reference.add_usage(a, zero) == a, f"a + {zero!r}"
        assert reference.add_usage(zero, a) == a, f"{zero!r} + a"


# --- get_buffer_string --------------------------------------------------------


def test_buffer_string_of_human_and_ai_messages() -> None:
    messages = [reference.HumanMessage(content="hi"), reference.AIMessage(content="yo")]
    assert reference.get_buffer_string(messages) == "Human: hi\nAI: yo"


def test_buffer_string_uses_custom_prefixes() -> None:
    messages = [reference.HumanMessage(content="hi"), reference.AIMessage(content="yo")]
    rendered = reference.get_buffer_string(messages, human_prefix="User", ai_prefix="Bot")
    assert rendered == "User: hi\nBot: yo"


def test_buffer_string_names_system_and_tool_messages() -> None:
    messages = [
        reference.SystemMessage(content="be brief"),
        reference.ToolMessage(content="42", tool_call_id="1"),
    ]
    assert reference.get_buffer_string(messages) == "System: be brief\nTool: 42"


def test_buffer_string_joins_text_blocks_of_list_content() -> None:
    content: list[str | dict[str, Any]] = [
        {"type": "text", "text": "look "},
        {"type": "image_url", "image_url": {"url": "https://example.invalid/cat.png"}},
        {"type": "text", "text": "here"},
    ]
    messages = [reference.HumanMessage(content=content)]
    assert reference.get_buffer_string(messages) == "Human: look here"


def test_buffer_string_of_no_messages_is_empty() -> None:
    assert reference.get_buffer_string([]) == ""


class _FunctionMessage(BaseMessage):
    type = "function"


@pytest.mark.parametrize(
    "message",
    [_FunctionMessage(content="f"), BaseMessage(content="b")],
    ids=["unknown-subclass", "base-message"],
)
def test_buffer_string_rejects_an_unknown_message_type(message: BaseMessage) -> None:
    with pytest.raises(ValueError, match=repr(message.type)):
        reference.get_buffer_string([reference.HumanMessage(content="hi"), message])


# --- data types ---------------------------------------------------------------


def test_generation_keywords() -> None:
    generation = reference.Generation(text="t", generation_info={"finish_reason": "stop"})
    assert (generation.text, generation.generation_info) == ("t", {"finish_reason": "stop"})
    assert reference.Generation(text="t").generation_info is None


def test_chat_generation_text_mirrors_the_message_text() -> None:
    plain = reference.ChatGeneration(message=reference.AIMessage(content="hello"))
    blocks = reference.ChatGeneration(
        message=reference.AIMessage(
            content=[{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]
        )
    )
    assert (plain.text, blocks.text) == ("hello", "ab")
    assert plain.message == reference.AIMessage(content="hello")


def test_llm_result_keywords() -> None:
    generations = [[reference.Generation(text="a")], [reference.Generation(text="b")]]
    result = reference.LLMResult(generations=generations, llm_output={"model_name": "m"})
    assert result.generations == generations
    assert result.llm_output == {"model_name": "m"}
    assert reference.LLMResult(generations=[]).llm_output is None


def test_ai_message_defaults() -> None:
    message = reference.AIMessage(content="x")
    observed = {
        "tool_calls": message.tool_calls,
        "usage_metadata": message.usage_metadata,
        "response_metadata": message.response_metadata,
        "additional_kwargs": message.additional_kwargs,
        "name": message.name,
        "id": message.id,
        "type": message.type,
    }
    assert observed == {
        "tool_calls": [],
        "usage_metadata": None,
        "response_metadata": {},
        "additional_kwargs": {},
        "name": None,
        "id": None,
        "type": "ai",
    }


def test_default_containers_are_not_shared_between_instances() -> None:
    first, second = reference.AIMessage(content="a"), reference.AIMessage(content="b")
    first.tool_calls.append({"name": "f", "args": {}, "id": "1"})
    first.response_metadata["model_name"] = "m"
    assert (second.tool_calls, second.response_metadata) == ([], {})
    one, other = reference.Document(page_content="a"), reference.Document(page_content="b")
    one.metadata["k"] = 1
    assert other.metadata == {}


def test_document_keywords() -> None:
    document = reference.Document(page_content="p", metadata={"source": "s"}, id="d1")
    assert (document.page_content, document.metadata, document.id) == ("p", {"source": "s"}, "d1")
    bare = reference.Document(page_content="p")
    assert (bare.metadata, bare.id) == ({}, None)


def test_agent_action_and_finish_keywords() -> None:
    action = reference.AgentAction(tool="search", tool_input={"q": "x"}, log="thinking")
    finish = reference.AgentFinish(return_values={"output": "done"}, log="finished")
    assert (action.tool, action.tool_input, action.log) == ("search", {"q": "x"}, "thinking")
    assert (finish.return_values, finish.log) == ({"output": "done"}, "finished")


EQUAL_PAIRS: dict[str, Callable[[], Any]] = {
    "AIMessage": lambda: reference.AIMessage(
        content="x", usage_metadata={"input_tokens": 1, "output_tokens": 1, "total_tokens": 2}
    ),
    "HumanMessage": lambda: reference.HumanMessage(content="x", name="u"),
    "ToolMessage": lambda: reference.ToolMessage(content="x", tool_call_id="1"),
    "Generation": lambda: reference.Generation(text="t", generation_info={"a": 1}),
    "ChatGeneration": lambda: reference.ChatGeneration(message=reference.AIMessage(content="c")),
    "LLMResult": lambda: reference.LLMResult(generations=[[reference.Generation(text="t")]]),
    "Document": lambda: reference.Document(page_content="p", metadata={"k": 1}, id="d"),
    "AgentAction": lambda: reference.AgentAction(tool="t", tool_input="i", log="l"),
    "AgentFinish": lambda: reference.AgentFinish(return_values={"o": 1}, log="l"),
}


@pytest.mark.parametrize("kind", list(EQUAL_PAIRS))
def test_data_types_are_equal_by_value_and_unhashable(kind: str) -> None:
    first, second = EQUAL_PAIRS[kind](), EQUAL_PAIRS[kind]()
    assert first == second
    assert first is not second
    with pytest.raises(TypeError):
        hash(first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (reference.HumanMessage(content="x"), reference.HumanMessage(content="y")),
        (reference.HumanMessage(content="x"), reference.AIMessage(content="x")),
        (reference.AIMessage(content="x"), reference.AIMessage(content="x", id="1")),
        (reference.Generation(text="x"), reference.Generation(text="x", generation_info={})),
        (
            reference.Generation(text="x"),
            reference.ChatGeneration(message=reference.AIMessage(content="x")),
        ),
        (reference.Document(page_content="p"), reference.Document(page_content="p", id="d")),
        (
            reference.AgentAction(tool="t", tool_input="i", log="l"),
            reference.AgentAction(tool="t", tool_input="j", log="l"),
        ),
    ],
    ids=[
        "content",
        "message-type",
        "message-id",
        "generation-info",
        "generation-kind",
        "document-id",
        "tool-input",
    ],
)
def test_data_types_differ_when_a_field_or_the_type_differs(first: Any, second: Any) -> None:
    assert first != second
    assert second != first


@pytest.mark.parametrize("kind", list(EQUAL_PAIRS))
def test_repr_names_the_type_and_shows_the_fields(kind: str) -> None:
    value = EQUAL_PAIRS[kind]()
    shown = repr(value)
    assert shown.startswith(f"{type(value).__name__}("), shown
    for field, field_value in value._as_dict().items():
        assert f"{field}={field_value!r}" in shown, f"{field} missing from {shown}"


# --- same keyword arguments as langchain-core ---------------------------------


def _langchain_core() -> SimpleNamespace:
    from langchain_core.agents import AgentAction, AgentFinish
    from langchain_core.documents import Document
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
    from langchain_core.outputs import ChatGeneration, Generation, LLMResult

    return SimpleNamespace(
        AgentAction=AgentAction,
        AgentFinish=AgentFinish,
        Document=Document,
        AIMessage=AIMessage,
        HumanMessage=HumanMessage,
        SystemMessage=SystemMessage,
        ToolMessage=ToolMessage,
        ChatGeneration=ChatGeneration,
        Generation=Generation,
        LLMResult=LLMResult,
    )


USAGE = {
    "input_tokens": 5,
    "output_tokens": 7,
    "total_tokens": 12,
    "input_token_details": {"cache_read": 1},
    "output_token_details": {"reasoning": 2},
}
TOOL_CALL = {"name": "search", "args": {"q": "x"}, "id": "call-1", "type": "tool_call"}
TEXT_BLOCKS = [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]


def _message_fields(message: Any) -> dict[str, Any]:
    return {
        "type": message.type,
        "content": message.content,
        "text": message.text,
        "name": message.name,
        "id": message.id,
        "additional_kwargs": message.additional_kwargs,
        "response_metadata": message.response_metadata,
    }


def _ai_fields(message: Any) -> dict[str, Any]:
    return {
        **_message_fields(message),
        "tool_calls": message.tool_calls,
        "usage_metadata": message.usage_metadata,
    }


#: id -> (build with a namespace of classes, read the fields back as plain values)
SAME_KEYWORDS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "Generation": (
        lambda ns: ns.Generation(text="t", generation_info={"finish_reason": "stop"}),
        lambda g: {"text": g.text, "generation_info": g.generation_info, "type": g.type},
    ),
    "Generation-defaults": (
        lambda ns: ns.Generation(text="t"),
        lambda g: {"text": g.text, "generation_info": g.generation_info},
    ),
    "ChatGeneration": (
        lambda ns: ns.ChatGeneration(
            message=ns.AIMessage(content=TEXT_BLOCKS), generation_info={"logprobs": None}
        ),
        lambda g: {
            "text": g.text,
            "generation_info": g.generation_info,
            "type": g.type,
            "message": _ai_fields(g.message),
        },
    ),
    "LLMResult": (
        lambda ns: ns.LLMResult(
            generations=[[ns.Generation(text="a"), ns.Generation(text="b")], []],
            llm_output={"model_name": "m"},
        ),
        lambda r: {
            "texts": [[g.text for g in gs] for gs in r.generations],
            "llm_output": r.llm_output,
            "run": r.run,
        },
    ),
    "AIMessage": (
        lambda ns: ns.AIMessage(
            content="x",
            tool_calls=[dict(TOOL_CALL)],
            usage_metadata=dict(USAGE),
            response_metadata={"model_name": "m"},
            additional_kwargs={"k": "v"},
            name="bot",
            id="ai-1",
        ),
        _ai_fields,
    ),
    "AIMessage-defaults": (lambda ns: ns.AIMessage(content="x"), _ai_fields),
    "HumanMessage": (
        lambda ns: ns.HumanMessage(content=TEXT_BLOCKS, name="user", id="h-1"),
        _message_fields,
    ),
    "SystemMessage": (lambda ns: ns.SystemMessage(content="be brief"), _message_fields),
    "ToolMessage": (
        lambda ns: ns.ToolMessage(content="42", tool_call_id="call-1"),
        lambda m: {**_message_fields(m), "tool_call_id": m.tool_call_id},
    ),
    "Document": (
        lambda ns: ns.Document(page_content="p", metadata={"source": "s"}, id="d-1"),
        lambda d: {"page_content": d.page_content, "metadata": d.metadata, "id": d.id},
    ),
    "Document-defaults": (
        lambda ns: ns.Document(page_content="p"),
        lambda d: {"page_content": d.page_content, "metadata": d.metadata, "id": d.id},
    ),
    "AgentAction": (
        lambda ns: ns.AgentAction(tool="search", tool_input={"q": "x"}, log="thinking"),
        lambda a: {"tool": a.tool, "tool_input": a.tool_input, "log": a.log},
    ),
    "AgentFinish": (
        lambda ns: ns.AgentFinish(return_values={"output": "done"}, log="finished"),
        lambda f: {"return_values": f.return_values, "log": f.log},
    ),
}


@pytest.mark.parametrize("case", list(SAME_KEYWORDS))
def test_constructors_take_langchain_core_keywords_with_the_same_result(case: str) -> None:
    build, read = SAME_KEYWORDS[case]
    ours = read(build(reference))
    theirs = read(build(_langchain_core()))
    assert ours == theirs, f"{case}: reference gives {ours!r}, langchain-core gives {theirs!r}"
