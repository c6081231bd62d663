"""The canonical JSON encoding of callback events and of the values they carry.

An *event payload* is one JSON object per handler call::

    {"event": "on_chain_end", "outputs": {"answer": 42},
     "run_id": "6f1c...", "parent_run_id": null, "tags": [], "kwargs": {}}

* ``event`` is the name of the handler method that was called.
* Every *documented* parameter the implementation passed (by position or by
  keyword) appears under its documented name.  The documented parameters of
  an event are those of ``BaseCallbackHandler`` and ``AsyncCallbackHandler``
  on the API page, together (the async handler documents ``tags`` on a few
  events where the sync one leaves it to ``**kwargs``).  A parameter that was
  not passed is absent; one passed as ``None`` is ``null``.  Nothing is
  filled in: the payload says what the handler received.
* ``kwargs`` is the one place for everything else: each keyword argument
  that is not a documented parameter, by name.  It is always present in
  payloads built here (``{}`` when there were none).
* Positional arguments beyond the documented positional parameters, or a
  documented parameter passed twice, are kept in ``args`` (a list).  No
  schema allows ``args``, so such a call is reported as invalid instead of
  being silently reshaped.

Values are encoded by :func:`encode`, which never raises.  The table of what
becomes what is in ``schemas/README.md``; in short:

* JSON values stay as they are (``str``/``int``/``float`` subclasses, such as
  string enums, become the plain value); tuples and other sequences become
  arrays, sets become arrays in a stable order, mappings become objects
  (non-string keys become their JSON text, or their ``repr``).
* UUIDs become their canonical lowercase hyphenated string.
* The data types of the callbacks API have a shape of their own, recognised
  by their attributes so that any implementation's classes are encoded
  alike: messages (LangChain's message dict form, ``{"type", "data"}``),
  generations and chunks, LLM results, documents, agent actions and
  finishes, retry states and exceptions.
* Other LangChain serializable objects use LangChain's constructor form
  (``{"lc": 1, "type": "constructor", "id": [...], "kwargs": {...}}``);
  pydantic models and dataclasses become objects of their fields; datetimes
  their ISO 8601 text; enums their value.
* Anything else (bytes, non-finite floats, ``Decimal``, functions, ...) gets
  LangChain's form for values it cannot serialize:
  ``{"lc": 1, "type": "not_implemented", "id": [module..., name], "repr": ...}``.
  The ``repr`` makes it lossless for every type whose ``repr`` is a literal
  (bytes, floats, ``Decimal``, complex numbers, dates).

The module needs nothing beyond the standard library and the shipped
signature data; it never imports an implementation.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import math
import reprlib
import uuid
from collections.abc import Mapping, Sequence, Set
from typing import Any, NamedTuple

from conformance.signatures import load

__all__ = [
    "EVENTS",
    "EVENT_NAMES",
    "Parameter",
    "encode",
    "encode_event",
    "to_json_line",
]


class Parameter(NamedTuple):
    """A documented parameter of a handler event."""

    name: str
    positional: bool  # may be passed by position (else keyword-only)
    required: bool  # documented without a default
    annotation: str  # the documented Python type, as the page spells it


#: The nineteen handler events, in a reading order (model, chain, tool,
#: retriever, agent, then the general ones).
EVENT_NAMES: tuple[str, ...] = (
    "on_llm_start",
    "on_chat_model_start",
    "on_llm_new_token",
    "on_llm_end",
    "on_llm_error",
    "on_chain_start",
    "on_chain_end",
    "on_chain_error",
    "on_tool_start",
    "on_tool_end",
    "on_tool_error",
    "on_retriever_start",
    "on_retriever_end",
    "on_retriever_error",
    "on_agent_action",
    "on_agent_finish",
    "on_text",
    "on_retry",
    "on_custom_event",
)


def _documented_parameters() -> dict[str, tuple[Parameter, ...]]:
    """Each event's documented parameters: the sync and async handlers' lists merged."""
    objects = load()["objects"]
    merged: dict[str, tuple[Parameter, ...]] = {}
    for event in EVENT_NAMES:
        found: dict[str, Parameter] = {}
        # The async handler's list comes first: it is the longer one, and
        # its order is the documented order.
        for owner in ("AsyncCallbackHandler", "BaseCallbackHandler"):
            for spec in objects[owner]["members"][event]["parameters"]:
                if spec["kind"] in ("VAR_KEYWORD", "VAR_POSITIONAL") or spec["name"] in found:
                    continue
                found[spec["name"]] = Parameter(
                    spec["name"],
                    spec["kind"] in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD"),
                    "default" not in spec,
                    spec["annotation"],
                )
        merged[event] = tuple(found.values())
    return merged


#: event name -> its documented parameters, in documented order.
EVENTS: dict[str, tuple[Parameter, ...]] = _documented_parameters()

_POSITIONAL: dict[str, tuple[str, ...]] = {
    event: tuple(p.name for p in params if p.positional) for event, params in EVENTS.items()
}
_NAMES: dict[str, frozenset[str]] = {
    event: frozenset(p.name for p in params) for event, params in EVENTS.items()
}


def encode_event(event: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The payload of one call of handler method ``event`` with ``args`` and ``kwargs``.

    See the module docstring for the layout.  ``event`` need not be one of
    the documented events: an undocumented event has no documented
    parameters, so its positional arguments go to ``args`` and its keyword
    arguments to ``kwargs`` (and no schema accepts it).
    """
    payload: dict[str, Any] = {"event": event}
    positional = _POSITIONAL.get(event, ())
    documented = _NAMES.get(event, frozenset())
    surplus: list[Any] = []
    for index, value in enumerate(args):
        if index < len(positional):
            payload[positional[index]] = encode(value)
        else:
            surplus.append(encode(value))
    extra: dict[str, Any] = {}
    for name, value in kwargs.items():
        if name in documented:
            if name in payload:
                surplus.append(encode(value))
            else:
                payload[name] = encode(value)
        else:
            extra[name] = encode(value)
    if surplus:
        payload["args"] = surplus
    payload["kwargs"] = extra
    return payload


def to_json_line(payload: Any) -> str:
    """``payload`` as one line of compact JSON text (no newline at the end).

    Text is kept as UTF-8 where it can be; a string that cannot be written as
    UTF-8 (a lone surrogate) makes the whole line fall back to ``\\u`` escapes.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(payload, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return text


# --- values -------------------------------------------------------------------

#: Containers nested deeper than this are encoded with the fallback form.
MAX_DEPTH = 100

_short_repr = reprlib.Repr()
_short_repr.maxstring = 200
_short_repr.maxother = 200

#: Fields of a message's ``data`` when the message class does not list its
#: fields itself (classes that are not pydantic models), in LangChain's order.
MESSAGE_FIELDS: tuple[str, ...] = (
    "content",
    "additional_kwargs",
    "response_metadata",
    "type",
    "name",
    "id",
    "tool_calls",
    "invalid_tool_calls",
    "usage_metadata",
    "tool_call_chunks",
    "chunk_position",
    "tool_call_id",
    "artifact",
    "status",
    "role",
)

_GENERATION_TYPES = frozenset(
    {"Generation", "GenerationChunk", "ChatGeneration", "ChatGenerationChunk"}
)
_AGENT_ACTION_TYPES = frozenset({"AgentAction", "AgentActionMessageLog"})


def encode(value: Any) -> Any:
    """The canonical JSON value of ``value`` (see the module docstring); never raises."""
    return _Encoder().encode(value, 0)


class _Encoder:
    """One encoding pass; remembers the containers on the current path to stop cycles."""

    def __init__(self) -> None:
        self._path: set[int] = set()

    def encode(self, value: Any, depth: int) -> Any:
        # Plain JSON scalars first: they are by far the most common values.
        if value is None or value is True or value is False:
            return value
        kind = type(value)
        if kind is str or kind is int:
            return value
        if kind is float:
            return value if math.isfinite(value) else fallback(value)
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            number = float(value)
            return number if math.isfinite(number) else fallback(value)
        if isinstance(value, str):
            return value[:]  # a plain str, whatever the subclass's __str__ says
        if isinstance(value, uuid.UUID):
            return str(value)
        if depth >= MAX_DEPTH or id(value) in self._path:
            return fallback(value)
        self._path.add(id(value))
        try:
            return self._structured(value, depth + 1)
        except Exception:
            # An object whose attributes raise when read: keep what repr says.
            return fallback(value)
        finally:
            self._path.discard(id(value))

    def _structured(self, value: Any, depth: int) -> Any:
        if isinstance(value, Mapping):
            return {_key(k): self.encode(v, depth) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.encode(v, depth) for v in value]
        if isinstance(value, BaseException):
            return self.error(value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return fallback(value)
        if isinstance(value, Set):
            items = [self.encode(v, depth) for v in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        if isinstance(value, Sequence):
            return [self.encode(v, depth) for v in value]
        if isinstance(value, enum.Enum):
            return self.encode(value.value, depth)
        if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            return value.isoformat()
        shaped = self._callback_type(value, depth)
        if shaped is not None:
            return shaped
        if _is_lc_serializable(value):
            return self._lc_form(value, depth)
        fields = _field_names(value)
        if fields is not None:
            return {name: self.encode(getattr(value, name), depth) for name in fields}
        return fallback(value)

    def _callback_type(self, value: Any, depth: int) -> dict[str, Any] | None:
        """The shape of a data type of the callbacks API, or ``None`` if ``value`` is none."""
        has = _attributes(value)
        if {"content", "additional_kwargs"} <= has and isinstance(
            getattr(value, "type", None), str
        ):
            return self.message(value, depth)
        if {"text", "generation_info"} <= has:
            return self.generation(value, depth)
        if {"generations", "llm_output"} <= has:
            result: dict[str, Any] = {
                "type": "LLMResult",
                "generations": self.encode(value.generations, depth),
                "llm_output": self.encode(value.llm_output, depth),
            }
            if "run" in has:
                result["run"] = self.encode(value.run, depth)
            return result
        if {"page_content", "metadata"} <= has:
            document: dict[str, Any] = {
                "type": "Document",
                "page_content": self.encode(value.page_content, depth),
                "metadata": self.encode(value.metadata, depth),
            }
            if "id" in has:
                document["id"] = self.encode(value.id, depth)
            return document
        if {"return_values", "log"} <= has:
            return {
                "type": "AgentFinish",
                "return_values": self.encode(value.return_values, depth),
                "log": self.encode(value.log, depth),
            }
        if {"tool", "tool_input", "log"} <= has:
            name = type(value).__name__
            action: dict[str, Any] = {
                "type": name
                if name in _AGENT_ACTION_TYPES
                else ("AgentActionMessageLog" if "message_log" in has else "AgentAction"),
                "tool": self.encode(value.tool, depth),
                "tool_input": self.encode(value.tool_input, depth),
                "log": self.encode(value.log, depth),
            }
            if "message_log" in has:
                action["message_log"] = self.encode(value.message_log, depth)
            return action
        if {"attempt_number", "outcome", "idle_for"} <= has:
            return self.retry_state(value, depth)
        return None

    def message(self, value: Any, depth: int) -> dict[str, Any]:
        """LangChain's message dict form: ``{"type": ..., "data": {every field}}``."""
        fields = _field_names(value)
        if fields is None:
            fields = [f for f in MESSAGE_FIELDS if hasattr(value, f)]
        data = {name: self.encode(getattr(value, name), depth) for name in fields}
        data["type"] = value.type  # a class attribute in some implementations
        return {"type": value.type, "data": data}

    def generation(self, value: Any, depth: int) -> dict[str, Any]:
        """A generation or a streamed chunk, named by its kind."""
        name = type(value).__name__
        if name not in _GENERATION_TYPES:
            chunk = any(c.__name__.endswith("Chunk") for c in type(value).__mro__)
            name = ("Chat" if hasattr(value, "message") else "") + "Generation"
            name += "Chunk" if chunk else ""
        shaped: dict[str, Any] = {
            "type": name,
            "text": self.encode(value.text, depth),
            "generation_info": self.encode(value.generation_info, depth),
        }
        if hasattr(value, "message"):
            shaped["message"] = self.encode(value.message, depth)
        return shaped

    def retry_state(self, value: Any, depth: int) -> dict[str, Any]:
        """A retrying call's state, from tenacity's ``RetryCallState`` or a look-alike."""
        state: dict[str, Any] = {"attempt_number": self.encode(value.attempt_number, depth)}
        for name in ("idle_for", "upcoming_sleep", "seconds_since_start"):
            if hasattr(value, name):
                state[name] = self.encode(getattr(value, name), depth)
        function = getattr(value, "fn", None)
        state["fn"] = None if function is None else _qualified_name(function)
        outcome = value.outcome
        if outcome is None:
            state["outcome"] = None
        elif outcome.failed:
            state["outcome"] = {"failed": True, "error": self.error(outcome.exception())}
        else:
            state["outcome"] = {"failed": False, "result": self.encode(outcome.result(), depth)}
        return state

    def error(self, value: BaseException) -> dict[str, Any]:
        """An exception: its class (module and qualified name) and its message."""
        kind = type(value)
        try:
            message = str(value)
        except Exception:
            message = _safe_repr(value)
        return {"type": kind.__qualname__, "module": kind.__module__, "message": message}

    def _lc_form(self, value: Any, depth: int) -> Any:
        # ``to_json`` builds a fresh dict whose ``kwargs`` hold the raw field
        # values; encoding it encodes them.
        return self.encode(value.to_json(), depth)


def fallback(value: Any) -> dict[str, Any]:
    """LangChain's form for a value JSON cannot hold: where it comes from, and its ``repr``."""
    if isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__")):
        module = getattr(value, "__module__", None) or "builtins"
        name = getattr(value, "__qualname__", None) or type(value).__qualname__
    else:
        module = type(value).__module__
        name = type(value).__qualname__
    return {
        "lc": 1,
        "type": "not_implemented",
        "id": [*str(module).split("."), str(name)],
        "repr": _safe_repr(value),
    }


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except RecursionError:
        return _short_repr.repr(value)
    except Exception:
        return f"<unrepresentable {type(value).__qualname__}>"


def _key(key: Any) -> str:
    """A mapping key as an object member name (JSON's own rule for scalars, else ``repr``)."""
    if isinstance(key, str):
        return key[:]
    if key is None or isinstance(key, (bool, int, float)):
        try:
            return json.dumps(key)
        except ValueError:  # a non-finite float
            return repr(key)
    if isinstance(key, uuid.UUID):
        return str(key)
    return _safe_repr(key)


def _attributes(value: Any) -> set[str]:
    """Which of the attributes that identify the callback data types ``value`` has."""
    return {name for name in _IDENTIFYING if hasattr(value, name)}


_IDENTIFYING = (
    "content",
    "additional_kwargs",
    "text",
    "generation_info",
    "message",
    "generations",
    "llm_output",
    "run",
    "page_content",
    "metadata",
    "id",
    "return_values",
    "log",
    "tool",
    "tool_input",
    "message_log",
    "attempt_number",
    "outcome",
    "idle_for",
)


def _field_names(value: Any) -> list[str] | None:
    """The declared fields of a pydantic model or dataclass instance (else ``None``)."""
    model_fields = getattr(type(value), "model_fields", None)
    if isinstance(model_fields, Mapping) and hasattr(value, "model_dump"):
        return [str(name) for name in model_fields]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f.name for f in dataclasses.fields(value)]
    return None


def _is_lc_serializable(value: Any) -> bool:
    check = getattr(type(value), "is_lc_serializable", None)
    if not callable(check) or not callable(getattr(value, "to_json", None)):
        return False
    try:
        return bool(check())
    except Exception:
        return False


def _qualified_name(function: Any) -> str:
    """``module.qualname`` of a function, or of the class of a callable object."""
    named = function if hasattr(function, "__qualname__") else type(function)
    module = getattr(named, "__module__", None)
    name = getattr(named, "__qualname__", None) or type(function).__qualname__
    return f"{module}.{name}" if module else str(name)
