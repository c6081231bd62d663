"""Reproduction steps write values as code against the binding: evaluated with
``impl`` bound to the binding, the code rebuilds an equal value."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.binding import load_binding
from conformance.diagnostics import reproduction
from conformance.suite.support import as_code

IMPLS = ["reference", "langchain_core"]

_text = st.text(max_size=8)
_scalars = st.none() | st.booleans() | st.integers() | _text | st.uuids()
_plain = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


def _values(impl: Any) -> st.SearchStrategy[Any]:
    """Values that events carry: the binding's data types nested in plain containers."""
    usage = st.fixed_dictionaries(
        {"input_tokens": st.integers(0, 99), "output_tokens": st.integers(0, 99)}
    ).map(lambda d: {**d, "total_tokens": d["input_tokens"] + d["output_tokens"]})
    info = st.none() | st.dictionaries(_text, _plain, max_size=2)
    ai = st.builds(
        impl.AIMessage,
        content=_text,
        usage_metadata=st.none() | usage,
        response_metadata=st.dictionaries(_text, _text, max_size=2),
    )
    messages = ai | st.builds(impl.HumanMessage, content=_text)
    generations = st.builds(impl.Generation, text=_text, generation_info=info) | st.builds(
        impl.ChatGeneration, message=ai, generation_info=info
    )
    data = st.one_of(
        messages,
        generations,
        st.builds(
            impl.LLMResult,
            generations=st.lists(st.lists(generations, max_size=2), max_size=2),
            llm_output=st.none() | st.dictionaries(_text, _plain, max_size=2),
        ),
        st.builds(
            impl.Document,
            page_content=_text,
            metadata=st.dictionaries(_text, _plain, max_size=2),
        ),
        st.builds(
            impl.AgentAction,
            tool=_text,
            tool_input=_text | st.dictionaries(_text, _plain),
            log=_text,
        ),
        st.builds(
            impl.AgentFinish, return_values=st.dictionaries(_text, _plain, max_size=2), log=_text
        ),
    )
    return st.recursive(
        data | _plain,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
        max_leaves=6,
    )


@pytest.mark.parametrize("impl_name", IMPLS)
@settings(deadline=None, database=None)  # the first pydantic model built is slow
@given(data=st.data())
def test_code_rebuilds_an_equal_value(impl_name: str, data: st.DataObject) -> None:
    impl = load_binding(impl_name)
    value = data.draw(_values(impl), label="value")
    written = as_code(value, impl)
    rebuilt = eval(written, {"impl": impl, "UUID": uuid.UUID})  # our own output, by construction
    assert rebuilt == value, written


@pytest.mark.parametrize("impl_name", IMPLS)
def test_data_types_are_written_with_the_binding_prefix(impl_name: str) -> None:
    impl = load_binding(impl_name)
    result = impl.LLMResult(generations=[[impl.Generation(text="out")]])
    assert as_code(result, impl) == ("impl.LLMResult(generations=[[impl.Generation(text='out')]])")
    assert as_code(uuid.UUID(int=7), impl) == "UUID('00000000-0000-0000-0000-000000000007')"


def test_steps_that_name_a_uuid_import_it() -> None:
    steps = [f"manager = impl.CallbackManager(parent_run_id=UUID('{uuid.UUID(int=7)}'))"]
    text = reproduction("mine", "/t.py::test", None, None, module="mine", steps=steps)
    assert "  from uuid import UUID\n  import mine as impl\n" in text
    assert "from uuid" not in reproduction(
        "mine", "/t.py::test", None, None, module="mine", steps=["manager.on_text('x')"]
    )
