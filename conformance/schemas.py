"""The shipped event payload schemas: loading them, and checking payloads against them.

The schemas (``data/schemas/*.json``, a copy of the repository's ``schemas/``
folder) are JSON Schema draft 2020-12 documents: ``defs.json`` (shared
definitions), one ``<event>.json`` per handler event and ``event.json``, the
envelope that accepts any event.  ``data/schemas/examples/<event>.json``
holds one example payload per event.

:func:`check_payload` is what the validator CLI and the conformance suite
use.  It dispatches on the payload's ``event`` member straight to that
event's schema (the envelope says the same thing, more slowly), and reports
each problem as a :class:`Problem`: the event, a JSON pointer into the
payload, and a one-line message.

Engine: every event schema is compiled once by ``jsonschema-rs`` (a
maintained JSON Schema 2020-12 engine written in Rust); a valid payload
costs one ``is_valid`` call.  Only an invalid payload has its errors listed
(by the same engine) and turned into one-line messages.  ``jsonschema`` (the
Python reference implementation of the standard) stays for the metaschema
checks and for the rare payload the fast engine cannot take (strings holding
lone surrogates); ``tests/test_schemas.py`` checks on generated payloads that
the two engines agree.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib.resources import files
from typing import TYPE_CHECKING, Any, NamedTuple

import jsonschema_rs

from conformance.encoding import EVENT_NAMES

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

__all__ = [
    "EVENT_NAMES",
    "SCHEMA_NAMES",
    "Problem",
    "check_payload",
    "example",
    "json_pointer",
    "registry",
    "schema",
    "validator",
]

#: Every schema file, by name (the file name without ``.json``).
SCHEMA_NAMES: tuple[str, ...] = ("defs", "event", *EVENT_NAMES)

_EVENT_SET = frozenset(EVENT_NAMES)


class Problem(NamedTuple):
    """One reason a payload is invalid."""

    event: str  # the payload's event name, or "?" when it has none
    pointer: str  # RFC 6901 JSON pointer to the offending value ("" is the payload itself)
    message: str  # one line


# --- loading --------------------------------------------------------------------


def _folder() -> Any:
    return files("conformance") / "data" / "schemas"


@functools.cache
def _load(relative: str) -> str:
    text: str = (_folder() / relative).read_text(encoding="utf-8")
    return text


def schema(name: str) -> dict[str, Any]:
    """The schema called ``name`` (see :data:`SCHEMA_NAMES`), as a fresh dict."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"no schema named {name!r}; the names are {', '.join(SCHEMA_NAMES)}")
    document: dict[str, Any] = json.loads(_load(f"{name}.json"))
    return document


def example(event: str) -> dict[str, Any]:
    """The shipped example payload of ``event``, as a fresh dict."""
    if event not in _EVENT_SET:
        raise KeyError(f"no example for {event!r}: not a documented event")
    document: dict[str, Any] = json.loads(_load(f"examples/{event}.json"))
    return document


@functools.cache
def _documents() -> dict[str, dict[str, Any]]:
    """Every schema by its ``$id`` (parsed once, shared: never mutate these)."""
    return {doc["$id"]: doc for doc in (schema(name) for name in SCHEMA_NAMES)}


def _id_of(name: str) -> str:
    for uri in _documents():
        if uri.rsplit("/", 1)[-1] == f"{name}.json":
            return uri
    raise KeyError(name)


@functools.cache
def registry() -> Registry:
    """A ``referencing`` registry holding every shipped schema under its ``$id``."""
    from referencing import Registry, Resource

    resources = [(uri, Resource.from_contents(doc)) for uri, doc in _documents().items()]
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A ``jsonschema`` validator for the schema called ``name``, built once."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_documents()[_id_of(name)], registry=registry())


@functools.cache
def fast_validator(name: str) -> jsonschema_rs.Validator:
    """The ``jsonschema-rs`` validator of the schema called ``name``, built once."""
    documents = _documents()
    shared = jsonschema_rs.Registry(list(documents.items()))
    return jsonschema_rs.validator_for(documents[_id_of(name)], registry=shared)


# --- checking -------------------------------------------------------------------


def check_payload(payload: Any, *, known_invalid: bool = False) -> list[Problem]:
    """Every problem with one event payload; an empty list means it is valid.

    ``payload`` is a decoded JSON value.  It must be an object whose
    ``event`` member names one of the nineteen documented events, and it is
    then checked against that event's schema.  ``known_invalid``: the
    caller already asked the fast engine and was told "invalid" (the
    validator's hot loop), so only the problems are worked out.
    """
    if not isinstance(payload, dict):
        return [
            Problem("?", "", f"expected a JSON object (an event payload), got {_kind(payload)}")
        ]
    event = payload.get("event")
    if event is None and "event" not in payload:
        return [Problem("?", "/event", "missing: every payload names its event")]
    if not isinstance(event, str):
        return [Problem("?", "/event", f"expected the event name as a string, got {_kind(event)}")]
    if event not in _EVENT_SET:
        return [
            Problem(
                event,
                "/event",
                f"unknown event name {_short(event)}: not one of the 19 documented handler events",
            )
        ]
    fast = fast_validator(event)
    try:
        if not known_invalid and fast.is_valid(payload):
            return []
        pairs = [pair for error in fast.iter_errors(payload) for pair in _explain_fast(error)]
    except UnicodeEncodeError:
        # A lone surrogate (legal in a JSON string escape, not in UTF-8): only
        # the Python engine can look at such a string.
        pairs = [
            pair for error in validator(event).iter_errors(payload) for pair in _explain(error)
        ]
    return sorted((Problem(event, p, m) for p, m in pairs), key=lambda p: p.pointer)


def json_pointer(path: Iterable[str | int]) -> str:
    """The RFC 6901 pointer of a path of keys and indexes."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


_UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _explain(error: ValidationError) -> list[tuple[str, str]]:
    """(pointer, message) pairs for one jsonschema error, located as precisely as possible."""
    from jsonschema.exceptions import best_match

    path = list(error.absolute_path)
    instance: Any = error.instance
    keyword_value: Any = error.validator_value  # what the failing keyword holds in the schema
    if error.validator in ("anyOf", "oneOf") and error.context:
        # Say why the alternative meant for this kind of value failed, rather
        # than "no alternative matched".
        branches: dict[Any, list[ValidationError]] = {}
        for inner in error.context:
            branches.setdefault(inner.relative_schema_path[0], []).append(inner)
        fitting = [
            errors
            for errors in branches.values()
            if not any(e.validator == "type" and list(e.absolute_path) == path for e in errors)
        ]
        if len(fitting) == 1:
            return [pair for inner in fitting[0] for pair in _explain(inner)]
        if not fitting:
            wanted: list[str] = []
            for errors in branches.values():
                for e in errors:
                    if e.validator == "type" and list(e.absolute_path) == path:
                        types: Any = e.validator_value
                        wanted.extend(types if isinstance(types, list) else [types])
            names = " or ".join(dict.fromkeys(wanted))
            return [(json_pointer(path), f"expected {names}, got {_kind(instance)}")]
        return _explain(best_match(error.context))
    if (
        error.validator == "not"
        and isinstance(keyword_value, dict)
        and set(keyword_value) == {"required"}
    ):
        present = [n for n in keyword_value["required"] if n in instance]
        return [(json_pointer([*path, name]), "not allowed here") for name in present]
    if error.validator == "required":
        missing = [name for name in keyword_value if name not in instance]
        # jsonschema reports each missing member in an error of its own.
        mine = [name for name in missing if error.message == f"{name!r} is a required property"]
        return [
            (json_pointer([*path, name]), "required member is missing") for name in mine or missing
        ]
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        hint = "; extra keyword arguments belong under /kwargs" if not path else ""
        return [
            (json_pointer([*path, name]), f"unknown member (not allowed here{hint})")
            for name in instance
            if name not in known
        ]
    pointer = json_pointer(path)
    if error.validator is None or keyword_value is False:  # a ``false`` schema
        return [(pointer, "not allowed here")]
    if error.validator == "type":
        expected = (
            " or ".join(keyword_value) if isinstance(keyword_value, list) else str(keyword_value)
        )
        return [(pointer, f"expected {expected}, got {_kind(instance)}")]
    if error.validator == "pattern" and keyword_value == _UUID_PATTERN:
        return [
            (
                pointer,
                f"{_short(instance)} is not a UUID in canonical form "
                "(8-4-4-4-12 lowercase hex digits)",
            )
        ]
    if error.validator == "const":
        return [(pointer, f"expected {_short(keyword_value)}, got {_short(instance)}")]
    if error.validator == "enum":
        choices = ", ".join(_short(v) for v in keyword_value)
        return [(pointer, f"{_short(instance)} is not one of {choices}")]
    return [(pointer, _one_line(error.message))]


def _explain_fast(error: jsonschema_rs.ValidationError) -> list[tuple[str, str]]:
    """(pointer, message) pairs for one ``jsonschema-rs`` error, worded as :func:`_explain`."""
    path = list(error.instance_path)
    instance: Any = error.instance
    kind = error.kind
    K = jsonschema_rs.ValidationErrorKind
    pointer = json_pointer(path)
    if isinstance(kind, (K.AnyOf, K.OneOfNotValid)):
        # Say why the alternative meant for this kind of value failed.
        branches = [list(branch) for branch in kind.context]
        fitting = [
            errors
            for errors in branches
            if not any(isinstance(e.kind, K.Type) and list(e.instance_path) == path for e in errors)
        ]
        if len(fitting) == 1:
            return [pair for inner in fitting[0] for pair in _explain_fast(inner)]
        if not fitting:
            wanted = [
                t
                for errors in branches
                for e in errors
                if isinstance(e.kind, K.Type) and list(e.instance_path) == path
                for t in e.kind.types
            ]
            names = " or ".join(dict.fromkeys(wanted))
            return [(pointer, f"expected {names}, got {_kind(instance)}")]
        deepest = max(
            (e for errors in fitting for e in errors), key=lambda e: len(list(e.instance_path))
        )
        return _explain_fast(deepest)
    negated: Any = kind.schema if isinstance(kind, K.Not) else None
    if isinstance(negated, dict) and set(negated) == {"required"}:
        present = [n for n in negated["required"] if n in instance]
        return [(json_pointer([*path, name]), "not allowed here") for name in present]
    if isinstance(kind, K.Required):
        return [(json_pointer([*path, kind.property]), "required member is missing")]
    if isinstance(kind, K.AdditionalProperties):
        hint = "; extra keyword arguments belong under /kwargs" if not path else ""
        return [
            (json_pointer([*path, name]), f"unknown member (not allowed here{hint})")
            for name in kind.unexpected
        ]
    if isinstance(kind, K.FalseSchema):
        return [(pointer, "not allowed here")]
    if isinstance(kind, K.Type):
        types = sorted(kind.types, key=lambda t: t == "null")  # "X or null", as schemas say it
        return [(pointer, f"expected {' or '.join(types)}, got {_kind(instance)}")]
    if isinstance(kind, K.Pattern) and kind.pattern == _UUID_PATTERN:
        return [
            (
                pointer,
                f"{_short(instance)} is not a UUID in canonical form "
                "(8-4-4-4-12 lowercase hex digits)",
            )
        ]
    if isinstance(kind, K.Constant):
        return [(pointer, f"expected {_short(kind.expected_value)}, got {_short(instance)}")]
    if isinstance(kind, K.Enum):
        choices = ", ".join(_short(v) for v in kind.options)
        return [(pointer, f"{_short(instance)} is not one of {choices}")]
    return [(pointer, _one_line(error.message))]


def _kind(value: Any) -> str:
    """The JSON type of a decoded value, with the value itself when it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {json.dumps(value)}"
    if isinstance(value, (int, float)):
        return f"number {_short(value)}"
    if isinstance(value, str):
        return f"string {_short(value)}"
    if isinstance(value, list):
        return f"array of {len(value)}"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _one_line(text: str) -> str:
    return " ".join(text.split())
