"""The event payload schemas: meta-valid, complete against the API page, examples valid,
bad payloads rejected with located messages, and the fast checker agreeing with jsonschema."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from run_pytest import REPO

from conformance.encoding import EVENT_NAMES, EVENTS
from conformance.schemas import (
    SCHEMA_NAMES,
    check_payload,
    example,
    schema,
    validator,
)
from conformance.signatures import load as load_signatures

PUBLISHED = REPO / "schemas"
PACKAGED = REPO / "conformance" / "data" / "schemas"
UUID = "1b2f6a3c-8d4e-4f0a-9b1c-2d3e4f5a6b7c"


def _build_script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_schemas", REPO / "scripts" / "build_schemas.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the files ----------------------------------------------------------------------


def test_one_schema_per_documented_event_plus_defs_and_envelope() -> None:
    documented = {
        name
        for name, spec in load_signatures()["objects"]["BaseCallbackHandler"]["members"].items()
        if spec["kind"] == "method"
    }
    assert set(EVENT_NAMES) == documented
    assert len(EVENT_NAMES) == 19
    files = {p.name for p in PUBLISHED.glob("*.json")}
    assert files == {f"{name}.json" for name in SCHEMA_NAMES}
    assert {p.name for p in (PUBLISHED / "examples").glob("*.json")} == {
        f"{event}.json" for event in EVENT_NAMES
    }


def test_published_and_packaged_copies_are_identical() -> None:
    published = {p.relative_to(PUBLISHED): p.read_bytes() for p in PUBLISHED.rglob("*.json")}
    packaged = {p.relative_to(PACKAGED): p.read_bytes() for p in PACKAGED.rglob("*.json")}
    assert published.keys() == packaged.keys()
    different = sorted(str(name) for name in published if published[name] != packaged[name])
    assert not different, f"run python scripts/build_schemas.py: {different} differ"


def test_files_are_what_the_build_script_writes() -> None:
    script = _build_script()
    stale = [
        name
        for name, document in script.documents().items()
        if (PUBLISHED / name).read_text(encoding="utf-8") != script.render(document)
    ]
    assert not stale, f"out of date, run python scripts/build_schemas.py: {stale}"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_against_the_2020_12_metaschema(name: str) -> None:
    document = schema(name)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def test_schemas_pass_check_jsonschemas_metaschema_check() -> None:
    files = [str(PUBLISHED / f"{name}.json") for name in SCHEMA_NAMES]
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_validates_the_examples_offline_with_a_base_uri(tmp_path: Path) -> None:
    # How a user validates with a general tool: the $ids are identifiers, so
    # references are resolved against the folder given as the base URI.
    envelope = PUBLISHED / "event.json"
    bad = tmp_path / "bad.json"
    payload = example("on_text")
    payload["run_id"] = "not-a-uuid"
    bad.write_text(json.dumps(payload), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--base-uri",
        envelope.as_uri(),
        "--schemafile",
        str(envelope),
    ]
    examples = sorted(str(p) for p in (PUBLISHED / "examples").glob("*.json"))
    good = subprocess.run([*command, *examples], capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr
    failed = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "not-a-uuid" in failed.stdout


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_has_a_versioned_id_a_title_and_a_description(name: str) -> None:
    document = schema(name)
    assert document["$id"] == f"https://callbacks-conformance.example/schemas/v1/{name}.json"
    assert document["title"]
    assert document["description"]


def test_every_shared_definition_is_described() -> None:
    definitions = schema("defs")["$defs"]
    expected = {
        "uuid",
        "tags",
        "metadata",
        "serialized",
        "message",
        "generation",
        "llm_result",
        "document",
        "agent_action",
        "agent_finish",
        "error",
        "usage_metadata",
        "retry_state",
        "chunk",
    }
    assert expected <= definitions.keys()
    assert [name for name, d in definitions.items() if not d.get("description")] == []


# --- the event schemas against the API page -------------------------------------------


@pytest.mark.parametrize("event", EVENT_NAMES)
def test_every_documented_parameter_is_a_property_with_its_documented_type(event: str) -> None:
    document = schema(event)
    properties = document["properties"]
    documented = EVENTS[event]
    assert list(properties) == ["event", *(p.name for p in documented), "kwargs"]
    for param in documented:
        prop = properties[param.name]
        assert prop["x-documented-type"] == param.annotation, param.name
        assert prop["description"], param.name
    assert properties["event"]["const"] == event
    assert document["required"] == ["event", *(p.name for p in documented if p.required)]
    assert document["additionalProperties"] is False


@pytest.mark.parametrize("event", EVENT_NAMES)
def test_optional_parameters_accept_null_and_may_be_left_out(event: str) -> None:
    payload = example(event)
    for param in EVENTS[event]:
        if param.required:
            continue
        with_null = {**payload, param.name: None}
        assert check_payload(with_null) == [], param.name
        without = {k: v for k, v in payload.items() if k != param.name}
        assert check_payload(without) == [], param.name


def test_kwargs_is_the_one_place_for_extra_keyword_arguments() -> None:
    payload = example("on_chain_start")
    payload["kwargs"] = {"name": "x", "anything": [1, {"nested": None}]}
    assert check_payload(payload) == []
    del payload["kwargs"]
    assert check_payload(payload) == [], "kwargs may be left out"
    payload["name"] = "x"
    [problem] = check_payload(payload)
    assert problem.pointer == "/name"
    assert "kwargs" in problem.message


def test_on_llm_error_types_the_documented_response_keyword() -> None:
    payload = example("on_llm_error")
    payload["kwargs"]["response"] = {"generations": "nope"}
    pointers = {p.pointer for p in check_payload(payload)}
    assert "/kwargs/response/generations" in pointers


# --- examples -----------------------------------------------------------------------


@pytest.mark.parametrize("event", EVENT_NAMES)
def test_shipped_example_is_valid(event: str) -> None:
    payload = example(event)
    assert payload["event"] == event
    assert check_payload(payload) == []
    assert list(validator(event).iter_errors(payload)) == []
    assert list(validator("event").iter_errors(payload)) == []


def test_examples_exercise_the_shared_definitions() -> None:
    # Each message, generation, chunk, result, document, step, error and
    # retry state shape appears in some example.
    text = json.dumps([example(event) for event in EVENT_NAMES])
    for marker in (
        '"ChatGenerationChunk"',
        '"LLMResult"',
        '"usage_metadata": {"input_tokens"',
        '"Document"',
        '"AgentAction"',
        '"AgentFinish"',
        '"attempt_number"',
        '"module": "builtins"',
    ):
        assert marker in text, marker


# --- rejected payloads ----------------------------------------------------------------

#: A value of the wrong type for each kind of documented parameter.
WRONG = 12345


def _mutations(event: str) -> list[tuple[str, dict[str, Any], str]]:
    """(what, payload, pointer expected in a problem) for one event's example."""
    base = example(event)
    cases: list[tuple[str, dict[str, Any], str]] = []
    for param in EVENTS[event]:
        if param.required:
            missing = {k: v for k, v in base.items() if k != param.name}
            cases.append((f"required {param.name} removed", missing, f"/{param.name}"))
        if schema(event)["properties"][param.name].get("$ref", "").endswith("/value"):
            continue  # documented as Any: every value is right
        cases.append(
            (f"{param.name} of the wrong type", {**base, param.name: WRONG}, f"/{param.name}")
        )
    cases.append(("malformed run_id", {**base, "run_id": UUID.upper()}, "/run_id"))
    cases.append(("truncated run_id", {**base, "run_id": UUID[:-1]}, "/run_id"))
    cases.append(("unknown property", {**base, "surprise": 1}, "/surprise"))
    cases.append(("kwargs not an object", {**base, "kwargs": [1]}, "/kwargs"))
    other = "on_text" if event != "on_text" else "on_retry"
    cases.append(("wrong event name", {**base, "event": other}, ""))
    cases.append(("unknown event name", {**base, "event": "on_something"}, "/event"))
    return cases


@pytest.mark.parametrize("event", EVENT_NAMES)
def test_mutated_payloads_are_rejected_with_a_located_message(event: str) -> None:
    for what, payload, pointer in _mutations(event):
        problems = check_payload(payload)
        assert problems, f"{event}: {what} was accepted"
        assert jsonschema_rejects(payload), f"{event}: {what} was accepted by the envelope"
        if pointer:
            assert any(p.pointer == pointer for p in problems), (what, problems)
        for problem in problems:
            assert problem.message
            assert "\n" not in problem.message


def jsonschema_rejects(payload: dict[str, Any]) -> bool:
    return not validator("event").is_valid(payload)


def test_a_payload_checked_against_another_events_schema_fails_on_the_name() -> None:
    payload = example("on_chain_end")
    errors = list(validator("on_text").iter_errors(payload))
    assert any(list(e.absolute_path) == ["event"] and e.validator == "const" for e in errors)


@pytest.mark.parametrize(
    ("payload", "pointer", "message"),
    [
        ([1], "", "expected a JSON object"),
        ({}, "/event", "missing"),
        ({"event": 3}, "/event", "expected the event name as a string"),
        ({"event": "on_nothing"}, "/event", "unknown event name"),
    ],
)
def test_payloads_without_a_usable_event_name(payload: Any, pointer: str, message: str) -> None:
    [problem] = check_payload(payload)
    assert problem.pointer == pointer
    assert message in problem.message


def test_messages_locate_deep_problems() -> None:
    payload = example("on_llm_new_token")
    payload["chunk"]["message"]["data"]["content"] = 5
    assert check_payload(payload)[0][1:] == (
        "/chunk/message/data/content",
        "expected string or array, got number 5",
    )
    payload = example("on_llm_new_token")
    payload["chunk"] = "text"
    assert check_payload(payload)[0][1:] == ("/chunk", 'expected object or null, got string "text"')
    payload = example("on_llm_end")
    payload["response"]["generations"][0][0]["type"] = "Generation"  # but it has a message
    assert check_payload(payload)[0][1:] == (
        "/response/generations/0/0/message",
        "not allowed here",
    )
    payload = example("on_text")
    payload["run_id"] = "abc"
    [problem] = check_payload(payload)
    assert "not a UUID in canonical form" in problem.message


# --- the fast checker agrees with jsonschema ----------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated_payloads(draw: st.DrawFn) -> dict[str, Any]:
    """An example payload with a few random edits somewhere inside it."""
    payload = copy.deepcopy(example(draw(st.sampled_from(EVENT_NAMES), label="event")))
    for _ in range(draw(st.integers(0, 3), label="edits")):
        # Walk down to a random container, then replace, delete or add a member.
        node: Any = payload
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys), label="key")
            child = node[key]
            if isinstance(child, (dict, list)) and child and draw(st.booleans(), label="deeper"):
                node = child
                continue
            action = draw(st.sampled_from(["replace", "delete", "add"]), label="action")
            if action == "replace":
                node[key] = draw(
                    _json | st.sampled_from([None, UUID, "AIMessageChunk"]), label="value"
                )
            elif action == "delete":
                del node[key]
            elif isinstance(node, dict):
                node[draw(st.text(max_size=8), label="new key")] = draw(_json, label="new value")
            else:
                node.append(draw(_json, label="new item"))
            break
    return payload


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=mutated_payloads())
def test_both_engines_agree(payload: dict[str, Any]) -> None:
    # jsonschema-rs decides (check_payload); jsonschema, the standard's Python
    # reference implementation, must reach the same verdict on the envelope.
    expected = validator("event").is_valid(payload)
    problems = check_payload(payload)
    assert (problems == []) is expected, problems
    for problem in problems:  # every message is located inside the payload (or at its root)
        assert problem.pointer == "" or problem.pointer.startswith("/"), problem
        assert problem.message, problem
