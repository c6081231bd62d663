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

Speed: every schema is compiled once into a plain Python predicate
(:func:`compile_schema`) that answers "valid or not" quickly.  Only a payload
the predicate rejects goes through ``jsonschema`` (the reference
implementation of the standard), which produces the error messages.  The
compiler supports exactly the keywords these schemas use and refuses any
other, so a schema edit can never be silently half-checked;
``tests/test_schemas.py`` compares the two on generated payloads.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from importlib.resources import files
from typing import TYPE_CHECKING, Any, NamedTuple

from conformance.encoding import EVENT_NAMES

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

__all__ = [
    "EVENT_NAMES",
    "SCHEMA_NAMES",
    "Problem",
    "SchemaCompileError",
    "check_payload",
    "compile_schema",
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


class SchemaCompileError(Exception):
    """A schema uses something :func:`compile_schema` does not support."""


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
def _predicate(name: str) -> Callable[[Any], bool]:
    return compile_schema(_documents()[_id_of(name)], _documents())


# --- checking -------------------------------------------------------------------


def check_payload(payload: Any) -> list[Problem]:
    """Every problem with one event payload; an empty list means it is valid.

    ``payload`` is a decoded JSON value.  It must be an object whose
    ``event`` member names one of the nineteen documented events, and it is
    then checked against that event's schema.
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
    if _predicate(event)(payload):
        return []
    problems = [
        Problem(event, pointer, message)
        for error in validator(event).iter_errors(payload)
        for pointer, message in _explain(error)
    ]
    if not problems:  # the fast predicate and jsonschema disagree: trust jsonschema
        return []
    return sorted(problems, key=lambda p: p.pointer)


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


# --- the compiler ---------------------------------------------------------------

Check = Callable[[Any], bool]

#: Keywords that never constrain anything.
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "$comment", "default"})
_SUPPORTED = frozenset(
    {
        "$ref",
        "$defs",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "enum",
        "const",
        "pattern",
        "minimum",
        "minLength",
        "minItems",
        "anyOf",
        "allOf",
        "not",
        "if",
        "then",
        "else",
    }
)


def _is_integer(value: Any) -> bool:
    # JSON Schema: any number with a zero fractional part; booleans are not numbers.
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


_TYPE_CHECKS: dict[str, Check] = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": _is_integer,
}


def json_equal(a: Any, b: Any) -> bool:
    """Equality of JSON values as JSON Schema defines it (``1 == 1.0``, ``true != 1``)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and bool(a == b)


def compile_schema(root: dict[str, Any], documents: dict[str, dict[str, Any]]) -> Check:
    """A predicate telling whether an instance is valid against ``root``.

    ``documents`` maps ``$id`` to schema for every document ``$ref`` may
    reach.  Supported: boolean schemas, the annotations (``title``,
    ``description``, ``$comment``, ``default``, ``x-*``), ``$id``,
    ``$schema``, ``$defs`` and the keywords in ``_SUPPORTED`` with their
    2020-12 meaning; references are URI references resolved against the
    enclosing document's ``$id``, with a JSON pointer fragment.  Anything
    else raises :class:`SchemaCompileError`.
    """
    return _Compiler(documents).compile(root, root["$id"])


class _Compiler:
    def __init__(self, documents: dict[str, dict[str, Any]]) -> None:
        self._documents = documents
        self._compiled: dict[str, Check] = {}
        self._in_progress: dict[str, list[Check]] = {}

    def compile(self, node: Any, base: str) -> Check:
        if node is True or node == {}:
            return _always
        if node is False:
            return _never
        if not isinstance(node, dict):
            raise SchemaCompileError(f"not a schema: {node!r}")
        unknown = [
            k
            for k in node
            if k not in _SUPPORTED and k not in _ANNOTATIONS and not k.startswith("x-")
        ]
        if unknown:
            raise SchemaCompileError(f"unsupported keywords {unknown} in {base}")
        base = node.get("$id", base)
        checks: list[Check] = []
        if "$ref" in node:
            checks.append(self._reference(node["$ref"], base))
        if "type" in node:
            checks.append(_type_check(node["type"]))
        if "enum" in node:
            checks.append(_enum_check(node["enum"]))
        if "const" in node:
            checks.append(_enum_check([node["const"]]))
        if "pattern" in node:
            search = re.compile(node["pattern"]).search
            checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
        if "minLength" in node:
            least = node["minLength"]
            checks.append(lambda v: not isinstance(v, str) or len(v) >= least)
        if "minimum" in node:
            low = node["minimum"]
            checks.append(lambda v: not _TYPE_CHECKS["number"](v) or v >= low)
        if "minItems" in node:
            count = node["minItems"]
            checks.append(lambda v: not isinstance(v, list) or len(v) >= count)
        if "items" in node:
            item = self.compile(node["items"], base)
            checks.append(_items_check(item))
        if {"properties", "required", "additionalProperties"} & node.keys():
            checks.append(self._object(node, base))
        if "allOf" in node:
            checks.append(_all([self.compile(s, base) for s in node["allOf"]]))
        if "anyOf" in node:
            checks.append(_any([self.compile(s, base) for s in node["anyOf"]]))
        if "not" in node:
            negated = self.compile(node["not"], base)
            checks.append(lambda v: not negated(v))
        if "if" in node:
            condition = self.compile(node["if"], base)
            then = self.compile(node.get("then", True), base)
            otherwise = self.compile(node.get("else", True), base)
            checks.append(lambda v: then(v) if condition(v) else otherwise(v))
        return _all(checks)

    def _object(self, node: dict[str, Any], base: str) -> Check:
        properties = {name: self.compile(s, base) for name, s in node.get("properties", {}).items()}
        required = frozenset(node.get("required", ()))
        extra = self.compile(node.get("additionalProperties", True), base)
        lookup = properties.get

        if extra is _never:  # the common case: a closed object

            def closed(value: Any) -> bool:
                if not isinstance(value, dict):
                    return True
                if not required <= value.keys():
                    return False
                for name, member in value.items():
                    test = lookup(name)
                    if test is None or not test(member):
                        return False
                return True

            return closed

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            if not required <= value.keys():
                return False
            for name, member in value.items():
                test = lookup(name, extra)
                if not test(member):
                    return False
            return True

        return check

    def _reference(self, reference: str, base: str) -> Check:
        target = _resolve(base, reference)
        compiled = self._compiled.get(target)
        if compiled is not None:
            return compiled
        if target in self._in_progress:
            # A reference back into a schema being compiled: go through a
            # cell that is filled when that compilation ends.
            cell = self._in_progress[target]
            return lambda v: cell[0](v)
        document_uri, _, fragment = target.partition("#")
        if document_uri not in self._documents:
            raise SchemaCompileError(f"cannot resolve $ref {reference!r} from {base}")
        node: Any = self._documents[document_uri]
        for part in [p for p in fragment.split("/") if p]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        self._in_progress[target] = cell = []
        try:
            compiled = self.compile(node, document_uri)
        finally:
            del self._in_progress[target]
        cell.append(compiled)
        self._compiled[target] = compiled
        return compiled


def _resolve(base: str, reference: str) -> str:
    from urllib.parse import urljoin

    resolved = urljoin(base, reference)
    return resolved if "#" in resolved else resolved + "#"


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _all(checks: list[Check]) -> Check:
    """All of ``checks``, as nested pairs (cheaper to call than a loop over a list)."""
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    first, rest = checks[0], _all(checks[1:])
    return lambda v: first(v) and rest(v)


def _any(checks: list[Check]) -> Check:
    """Any of ``checks``; a ``null`` alternative is tested first, by identity."""
    if not checks:
        return _never
    if _is_null_check(checks[-1]) and len(checks) == 2:
        other = checks[0]
        return lambda v: v is None or other(v)
    if len(checks) == 1:
        return checks[0]
    first, rest = checks[0], _any(checks[1:])
    return lambda v: first(v) or rest(v)


#: JSON type name -> the Python types json.loads produces for it (number and
#: integer are handled apart: booleans are ints in Python, not in JSON).
_PLAIN_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "string": (str,),
    "object": (dict,),
    "array": (list,),
}


def _type_check(expected: str | list[str]) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    unknown = [n for n in names if n not in _TYPE_CHECKS]
    if unknown:
        raise SchemaCompileError(f"unknown type names {unknown}")
    if len(names) == 1:
        return _TYPE_CHECKS[names[0]]
    if all(n in _PLAIN_TYPES for n in names):
        types = tuple(t for n in names for t in _PLAIN_TYPES[n])
        return lambda v: isinstance(v, types)
    return _any([_TYPE_CHECKS[n] for n in names])


def _is_null_check(check: Check) -> bool:
    return check is _TYPE_CHECKS["null"]


def _items_check(item: Check) -> Check:
    def check(value: Any) -> bool:
        return not isinstance(value, list) or all(map(item, value))

    return check


def _enum_check(values: list[Any]) -> Check:
    if all(isinstance(v, str) or v is None for v in values):
        allowed = frozenset(values)
        # A str or None equals a JSON value only if it is that very str or None.
        return lambda v: (v is None or type(v) is str) and v in allowed
    return lambda v: any(json_equal(v, x) for x in values)
