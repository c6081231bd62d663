"""Write the event payload schemas, their shared definitions, the envelope and the examples.

The schemas are data derived from two sources: the documented parameters of
each handler event (``conformance.encoding.EVENTS``, itself read from the
signature data extracted from the API page) and the descriptions and type
mappings below, written for this kit.  Run::

    python scripts/build_schemas.py

to rewrite ``schemas/`` (the published copy) and ``conformance/data/schemas/``
(the copy installed with the package).  ``tests/test_schemas.py`` fails when
the files and this script disagree, or when the two copies differ.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from conformance.encoding import EVENT_NAMES, EVENTS  # noqa: E402

DRAFT = "https://json-schema.org/draft/2020-12/schema"
VERSION = "v1"
BASE = f"https://callbacks-conformance.example/schemas/{VERSION}/"
OUTPUTS = (REPO / "schemas", REPO / "conformance" / "data" / "schemas")

UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def ref(name: str) -> dict[str, Any]:
    """A reference to a shared definition."""
    return {"$ref": f"defs.json#/$defs/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or null."""
    return {"anyOf": [schema, {"type": "null"}]}


# --- shared definitions ---------------------------------------------------------

_TOOL_CALL_COMMON = {
    "index": {
        "type": ["integer", "string"],
        "description": "Position of the call among the message's calls.",
    },
    "extras": {"type": "object", "description": "Provider-specific data about the call."},
}

DEFS: dict[str, Any] = {
    "value": {
        "description": (
            "Any value, in the canonical encoding: JSON values as they are, the callbacks "
            "API's data types in their own shapes (message, document, ...), other values "
            'JSON cannot hold as {"lc": 1, "type": "not_implemented", "id": [...], '
            '"repr": "..."} (see the not_implemented definition).'
        )
    },
    "uuid": {
        "type": "string",
        "pattern": UUID_PATTERN,
        "description": "A UUID in canonical form: 32 lowercase hex digits in 8-4-4-4-12 groups.",
    },
    "uuid_or_null": {
        "type": ["string", "null"],
        "pattern": UUID_PATTERN,
        "description": "A UUID in canonical form, or null.",
    },
    "tags": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Tags: a list of strings.",
    },
    "tags_or_null": {
        "type": ["array", "null"],
        "items": {"type": "string"},
        "description": "Tags (a list of strings), or null.",
    },
    "metadata": {
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/value"},
        "description": "Metadata: an object of any values.",
    },
    "metadata_or_null": {
        "type": ["object", "null"],
        "additionalProperties": {"$ref": "#/$defs/value"},
        "description": "Metadata (an object of any values), or null.",
    },
    "serialized": {
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/value"},
        "description": (
            "How the component that runs describes itself: any object, typically LangChain's "
            'serialized form ({"lc": 1, "type": "constructor", "id": [...], ...}) or '
            '{"name": ...}.'
        ),
    },
    "serialized_or_null": {
        "type": ["object", "null"],
        "additionalProperties": {"$ref": "#/$defs/value"},
        "description": "A serialized component (any object), or null when it has none.",
    },
    "kwargs": {
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/value"},
        "description": (
            "Every keyword argument the implementation passed that is not a documented "
            "parameter of the event, by name, each value in the canonical encoding. This is "
            "the only place for them: unknown top-level members are rejected."
        ),
    },
    "content": {
        "type": ["string", "array"],
        "items": {"type": ["string", "object"]},
        "description": "Message content: a string, or a list of blocks (strings or objects).",
    },
    "tool_call": {
        "type": "object",
        "required": ["name", "args", "id"],
        "properties": {
            "type": {"const": "tool_call"},
            "name": {"type": "string", "description": "Name of the tool to call."},
            "args": {"type": "object", "description": "Arguments of the call."},
            "id": {"type": ["string", "null"], "description": "Identifier of the call."},
            **_TOOL_CALL_COMMON,
        },
        "additionalProperties": False,
        "description": "A tool call the model asked for.",
    },
    "invalid_tool_call": {
        "type": "object",
        "required": ["name", "args", "id", "error"],
        "properties": {
            "type": {"const": "invalid_tool_call"},
            "name": {"type": ["string", "null"]},
            "args": {"type": ["string", "null"], "description": "The arguments as raw text."},
            "id": {"type": ["string", "null"]},
            "error": {"type": ["string", "null"], "description": "Why the call is invalid."},
            **_TOOL_CALL_COMMON,
        },
        "additionalProperties": False,
        "description": "A tool call the model produced that could not be parsed.",
    },
    "tool_call_chunk": {
        "type": "object",
        "required": ["name", "args", "id", "index"],
        "properties": {
            "type": {"const": "tool_call_chunk"},
            "name": {"type": ["string", "null"]},
            "args": {"type": ["string", "null"], "description": "A piece of the arguments' text."},
            "id": {"type": ["string", "null"]},
            "index": {"type": ["integer", "string", "null"]},
            "extras": {"type": "object"},
        },
        "additionalProperties": False,
        "description": "A streamed piece of a tool call.",
    },
    "token_details": {
        "type": "object",
        "additionalProperties": {"type": "integer", "minimum": 0},
        "description": "A breakdown of a token count by kind (e.g. audio, cache_read, reasoning).",
    },
    "usage_metadata": {
        "type": "object",
        "required": ["input_tokens", "output_tokens", "total_tokens"],
        "properties": {
            "input_tokens": {"type": "integer", "minimum": 0, "description": "Tokens read."},
            "output_tokens": {
                "type": "integer",
                "minimum": 0,
                "description": "Tokens produced.",
            },
            "total_tokens": {
                "type": "integer",
                "minimum": 0,
                "description": "Input and output tokens together.",
            },
            "input_token_details": {"$ref": "#/$defs/token_details"},
            "output_token_details": {"$ref": "#/$defs/token_details"},
        },
        "additionalProperties": False,
        "description": "Token counts a model reported for one message.",
    },
    "message_data": {
        "type": "object",
        "required": ["content", "type"],
        "properties": {
            "content": {"$ref": "#/$defs/content"},
            "type": {"type": "string", "minLength": 1, "description": "The message's role."},
            "additional_kwargs": {
                "type": "object",
                "description": "Extra data from the model provider.",
            },
            "response_metadata": {
                "type": "object",
                "description": "Metadata of the response (model name, headers, ...).",
            },
            "name": {"type": ["string", "null"], "description": "An optional name."},
            "id": {"type": ["string", "null"], "description": "An optional identifier."},
            "tool_calls": {"type": "array", "items": {"$ref": "#/$defs/tool_call"}},
            "invalid_tool_calls": {
                "type": "array",
                "items": {"$ref": "#/$defs/invalid_tool_call"},
            },
            "usage_metadata": {
                "anyOf": [{"$ref": "#/$defs/usage_metadata"}, {"type": "null"}],
                "description": "Token usage of an AI message, when the model reported it.",
            },
            "tool_call_chunks": {"type": "array", "items": {"$ref": "#/$defs/tool_call_chunk"}},
            "chunk_position": {
                "enum": ["last", None],
                "description": '"last" on the final chunk of a stream.',
            },
            "tool_call_id": {
                "type": "string",
                "description": "The call a tool message answers.",
            },
            "artifact": {
                "$ref": "#/$defs/value",
                "description": "A tool's output not meant for the model.",
            },
            "status": {
                "enum": ["success", "error"],
                "description": "Whether the tool call succeeded.",
            },
            "role": {"type": "string", "description": "The speaker of a generic chat message."},
            "example": {
                "type": "boolean",
                "description": (
                    "langchain-core 0.3.x only: whether a human or AI message is part of a "
                    "few-shot example (removed in 1.0)."
                ),
            },
        },
        "additionalProperties": False,
        "description": "The fields of a message.",
    },
    "message": {
        "type": "object",
        "required": ["type", "data"],
        "properties": {
            "type": {
                "type": "string",
                "minLength": 1,
                "description": "The message's type: human, ai, system, tool, AIMessageChunk, ...",
            },
            "data": {"$ref": "#/$defs/message_data"},
        },
        "additionalProperties": False,
        "description": (
            "A chat message in LangChain's message dict form: its type, and its fields under data."
        ),
    },
    "generation": {
        "type": "object",
        "required": ["type", "text", "generation_info"],
        "properties": {
            "type": {
                "enum": ["Generation", "GenerationChunk", "ChatGeneration", "ChatGenerationChunk"],
                "description": "The kind of generation.",
            },
            "text": {"type": "string", "description": "The generated text."},
            "generation_info": {
                "type": ["object", "null"],
                "description": "Provider data about the generation (e.g. a finish reason).",
            },
            "message": {
                "$ref": "#/$defs/message",
                "description": "A chat generation's message.",
            },
        },
        "additionalProperties": False,
        "if": {"properties": {"type": {"enum": ["ChatGeneration", "ChatGenerationChunk"]}}},
        "then": {"required": ["message"]},
        "else": {"not": {"required": ["message"]}},
        "description": (
            "One candidate output of a model. Chat generations (and their chunks) carry a "
            "message; text generations do not."
        ),
    },
    "chunk": {
        "allOf": [{"$ref": "#/$defs/generation"}],
        "properties": {"type": {"enum": ["GenerationChunk", "ChatGenerationChunk"]}},
        "description": "A streamed piece of a generation.",
    },
    "run_info": {
        "type": "object",
        "required": ["run_id"],
        "properties": {"run_id": {"$ref": "#/$defs/uuid"}},
        "additionalProperties": False,
        "description": "The identifier of one model run.",
    },
    "llm_result": {
        "type": "object",
        "required": ["type", "generations"],
        "properties": {
            "type": {"const": "LLMResult"},
            "generations": {
                "type": "array",
                "items": {"type": "array", "items": {"$ref": "#/$defs/generation"}},
                "description": "One list of candidate generations per prompt.",
            },
            "llm_output": {
                "type": ["object", "null"],
                "description": "Provider data about the whole call (e.g. token usage).",
            },
            "run": {
                "type": ["array", "null"],
                "items": {"$ref": "#/$defs/run_info"},
                "description": "The runs of the call, one per prompt.",
            },
        },
        "additionalProperties": False,
        "description": "Everything a model call produced.",
    },
    "document": {
        "type": "object",
        "required": ["type", "page_content", "metadata"],
        "properties": {
            "type": {"const": "Document"},
            "page_content": {"type": "string", "description": "The document's text."},
            "metadata": {"$ref": "#/$defs/metadata"},
            "id": {"type": ["string", "null"], "description": "An optional identifier."},
        },
        "additionalProperties": False,
        "description": "A piece of text with metadata, as a retriever returns it.",
    },
    "agent_action": {
        "type": "object",
        "required": ["type", "tool", "tool_input", "log"],
        "properties": {
            "type": {"enum": ["AgentAction", "AgentActionMessageLog"]},
            "tool": {"type": "string", "description": "Name of the tool to run."},
            "tool_input": {
                "type": ["string", "object"],
                "description": "The tool's input.",
            },
            "log": {"type": "string", "description": "The agent's reasoning, as text."},
            "message_log": {
                "type": "array",
                "items": {"$ref": "#/$defs/message"},
                "description": "The messages the decision came from.",
            },
        },
        "additionalProperties": False,
        "if": {"properties": {"type": {"const": "AgentActionMessageLog"}}},
        "then": {"required": ["message_log"]},
        "else": {"not": {"required": ["message_log"]}},
        "description": "A step an agent decided to take: call a tool with an input.",
    },
    "agent_finish": {
        "type": "object",
        "required": ["type", "return_values", "log"],
        "properties": {
            "type": {"const": "AgentFinish"},
            "return_values": {"type": "object", "description": "The agent's final outputs."},
            "log": {"type": "string", "description": "The agent's last reasoning, as text."},
        },
        "additionalProperties": False,
        "description": "An agent's final answer.",
    },
    "error": {
        "type": "object",
        "required": ["type", "message"],
        "properties": {
            "type": {
                "type": "string",
                "minLength": 1,
                "description": "Qualified name of the exception's class.",
            },
            "module": {"type": "string", "description": "Module defining the class."},
            "message": {"type": "string", "description": "The exception as text (str)."},
        },
        "additionalProperties": False,
        "description": "An exception.",
    },
    "retry_state": {
        "type": "object",
        "required": ["attempt_number"],
        "properties": {
            "attempt_number": {
                "type": "integer",
                "minimum": 1,
                "description": "Number of the attempt that just ended, from 1.",
            },
            "idle_for": {
                "type": "number",
                "minimum": 0,
                "description": "Seconds slept between attempts so far.",
            },
            "upcoming_sleep": {
                "type": "number",
                "minimum": 0,
                "description": "Seconds to sleep before the next attempt.",
            },
            "seconds_since_start": {
                "type": ["number", "null"],
                "description": "Seconds from the first attempt to the last outcome.",
            },
            "fn": {
                "type": ["string", "null"],
                "description": "Qualified name of the function being retried.",
            },
            "outcome": {
                "anyOf": [{"$ref": "#/$defs/outcome"}, {"type": "null"}],
                "description": "How the last attempt ended; null before it has.",
            },
        },
        "additionalProperties": False,
        "description": (
            "The state of a call being retried (tenacity's RetryCallState, or an equivalent)."
        ),
    },
    "outcome": {
        "type": "object",
        "required": ["failed"],
        "properties": {
            "failed": {"type": "boolean", "description": "Whether the attempt raised."},
            "error": {"$ref": "#/$defs/error", "description": "What it raised."},
            "result": {"$ref": "#/$defs/value", "description": "What it returned."},
        },
        "additionalProperties": False,
        "if": {"properties": {"failed": {"const": True}}},
        "then": {"required": ["error"], "not": {"required": ["result"]}},
        "else": {"not": {"required": ["error"]}},
        "description": "How an attempt ended: its error, or its result.",
    },
    "not_implemented": {
        "type": "object",
        "required": ["lc", "type", "id", "repr"],
        "properties": {
            "lc": {"const": 1},
            "type": {"const": "not_implemented"},
            "id": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "description": "Module path and name of the value's type (or of the function).",
            },
            "repr": {"type": "string", "description": "The value's Python repr."},
        },
        "additionalProperties": False,
        "description": (
            "LangChain's form for a value JSON cannot hold. Lossless whenever the type's "
            "repr is a literal (bytes, non-finite floats, Decimal, complex)."
        ),
    },
}


# --- events ---------------------------------------------------------------------

#: What each event reports, in a sentence.
EVENT_DESCRIPTIONS = {
    "on_llm_start": "A text-completion (non-chat) model run begins.",
    "on_chat_model_start": "A chat model run begins.",
    "on_llm_new_token": "A model run streamed a new piece of output.",
    "on_llm_end": "A model run finished.",
    "on_llm_error": "A model run failed.",
    "on_chain_start": "A chain (any runnable) run begins.",
    "on_chain_end": "A chain run finished.",
    "on_chain_error": "A chain run failed.",
    "on_tool_start": "A tool run begins.",
    "on_tool_end": "A tool run finished.",
    "on_tool_error": "A tool run failed.",
    "on_retriever_start": "A retriever run begins.",
    "on_retriever_end": "A retriever run finished.",
    "on_retriever_error": "A retriever run failed.",
    "on_agent_action": "An agent decided on an action.",
    "on_agent_finish": "An agent finished.",
    "on_text": "A run reported some free text.",
    "on_retry": "A run is about to retry a call that failed.",
    "on_custom_event": "User code dispatched a custom event.",
}

#: Descriptions shared by the parameters that many events have.
COMMON = {
    "run_id": "Identifier of the run the event belongs to.",
    "parent_run_id": "Identifier of the run containing this one; null for a top-level run.",
    "tags": "The run's tags, inherited ones included.",
    "metadata": "The run's metadata, inherited entries included.",
    "error": "The exception that ended the run.",
}

#: event -> parameter -> (schema, description).  ``None`` for the schema
#: means: the shared mapping of the documented type (TYPE_MAP).
SPECIFIC: dict[str, dict[str, tuple[dict[str, Any] | None, str]]] = {
    "on_llm_start": {
        "serialized": (None, "Serialized form of the model."),
        "prompts": (None, "The prompt texts the model is run on."),
    },
    "on_chat_model_start": {
        "serialized": (None, "Serialized form of the chat model."),
        "messages": (None, "The conversations sent to the model: one list of messages each."),
    },
    "on_llm_new_token": {
        "token": (
            {
                "type": ["string", "array"],
                "items": {"type": ["string", "object"]},
            },
            "The newly streamed output. Documented as a string; langchain-core passes the "
            "chunk's message content, which is a list of content blocks for models that "
            "stream structured content, so a list of blocks is accepted too.",
        ),
        "chunk": (None, "The streamed chunk the token comes from, when there is one."),
    },
    "on_llm_end": {"response": (None, "What the model run produced.")},
    "on_chain_start": {
        "serialized": (
            ref("serialized_or_null"),
            "Serialized form of the chain; null when it has none (the managers' "
            "on_chain_start documents dict | None, and runnables pass None).",
        ),
        "inputs": (
            ref("value"),
            "The chain's input. Documented as a string-keyed object; the managers' "
            "on_chain_start takes dict[str, Any] | Any and passes a runnable's input as it "
            "is, so any value is accepted.",
        ),
    },
    "on_chain_end": {
        "outputs": (
            ref("value"),
            "The chain's output. Documented as a string-keyed object; implementations pass "
            "a runnable's output as it is, so any value is accepted.",
        ),
    },
    "on_tool_start": {
        "serialized": (
            ref("serialized_or_null"),
            "Serialized form of the tool (its name and description); null when it has none.",
        ),
        "input_str": (None, "The tool's input, as a string."),
        "inputs": (None, "The tool's input as an object, when it was called with one."),
    },
    "on_tool_end": {"output": (ref("value"), "What the tool returned.")},
    "on_retriever_start": {
        "serialized": (
            ref("serialized_or_null"),
            "Serialized form of the retriever; null when it has none.",
        ),
        "query": (None, "The query to retrieve documents for."),
    },
    "on_retriever_end": {"documents": (None, "The documents retrieved.")},
    "on_agent_action": {"action": (None, "The action the agent chose.")},
    "on_agent_finish": {"finish": (None, "The agent's final answer.")},
    "on_text": {"text": (None, "The text.")},
    "on_retry": {"retry_state": (None, "The state of the call being retried.")},
    "on_custom_event": {
        "name": (None, "The name the user gave the event."),
        "data": (ref("value"), "The event's data, in whatever form the user chose."),
        "run_id": (None, "Identifier of the run the event was dispatched in."),
        "tags": (None, "Tags of the run the event was dispatched in, inherited ones included."),
        "metadata": (
            None,
            "Metadata of the run the event was dispatched in, inherited entries included.",
        ),
    },
}

#: Documented Python type -> JSON Schema.
TYPE_MAP: dict[str, dict[str, Any]] = {
    "UUID": ref("uuid"),
    "UUID | None": ref("uuid_or_null"),
    "list[str] | None": ref("tags_or_null"),
    "dict[str, Any] | None": ref("metadata_or_null"),
    "dict[str, Any]": ref("serialized"),
    "list[str]": {"type": "array", "items": {"type": "string"}},
    "str": {"type": "string"},
    "Any": ref("value"),
    "list[list[BaseMessage]]": {
        "type": "array",
        "items": {"type": "array", "items": ref("message")},
    },
    "GenerationChunk | ChatGenerationChunk | None": nullable(ref("chunk")),
    "LLMResult": ref("llm_result"),
    "BaseException": ref("error"),
    "Sequence[Document]": {"type": "array", "items": ref("document")},
    "AgentAction": ref("agent_action"),
    "AgentFinish": ref("agent_finish"),
    "RetryCallState": ref("retry_state"),
}

#: Keyword arguments that the page documents by name inside ``**kwargs``.
DOCUMENTED_KWARGS: dict[str, dict[str, Any]] = {
    "on_llm_error": {
        "response": {
            **ref("llm_result"),
            "description": (
                "What the model produced before it failed, when the implementation passes "
                "it (the page documents it as the keyword argument response)."
            ),
        }
    }
}


def event_schema(event: str) -> dict[str, Any]:
    """The schema of one event's payload."""
    properties: dict[str, Any] = {
        "event": {"const": event, "description": "Name of the handler method called."}
    }
    required = ["event"]
    for param in EVENTS[event]:
        schema, description = SPECIFIC.get(event, {}).get(param.name, (None, ""))
        if schema is None:
            schema = TYPE_MAP[param.annotation]
        description = description or COMMON[param.name]
        # Every optional parameter is documented as ``X | None = None``, and
        # its mapping above accepts null.
        assert param.required or param.annotation.endswith("| None"), (event, param)
        properties[param.name] = {
            **copy.deepcopy(schema),
            "description": description,
            "x-documented-type": param.annotation,
        }
        if param.required:
            required.append(param.name)
    kwargs: dict[str, Any] = ref("kwargs")
    if event in DOCUMENTED_KWARGS:
        kwargs = {
            "allOf": [ref("kwargs")],
            "properties": copy.deepcopy(DOCUMENTED_KWARGS[event]),
        }
    properties["kwargs"] = {
        **kwargs,
        "description": "Keyword arguments beyond the documented parameters, by name.",
    }
    return {
        "$schema": DRAFT,
        "$id": f"{BASE}{event}.json",
        "title": f"{event} event payload",
        "description": (
            f"{EVENT_DESCRIPTIONS[event]} One call of the handler method {event}: "
            "the documented parameters the implementation passed, by name, in the "
            "canonical encoding; other keyword arguments under kwargs."
        ),
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


def defs_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "$id": f"{BASE}defs.json",
        "title": "Shared definitions of the callback event payloads",
        "description": (
            "The shapes of the values events carry, in the canonical encoding; referenced "
            "by the event schemas."
        ),
        "$defs": copy.deepcopy(DEFS),
    }


def envelope_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "$id": f"{BASE}event.json",
        "title": "Any callback event payload",
        "description": (
            "One event of any kind: the member event names the handler method, and the "
            "payload must then be valid against that event's schema."
        ),
        "type": "object",
        "required": ["event"],
        "properties": {
            "event": {
                "enum": list(EVENT_NAMES),
                "description": "Name of the handler method called: one of the 19 events.",
            }
        },
        "allOf": [
            {
                "if": {"properties": {"event": {"const": event}}, "required": ["event"]},
                "then": {"$ref": f"{event}.json"},
            }
            for event in EVENT_NAMES
        ],
    }


# --- examples -------------------------------------------------------------------

RUN = "1b2f6a3c-8d4e-4f0a-9b1c-2d3e4f5a6b7c"
PARENT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
CHILD = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"


def _message(kind: str, content: Any, **fields: Any) -> dict[str, Any]:
    data = {
        "content": content,
        "additional_kwargs": {},
        "response_metadata": {},
        "type": kind,
        "name": None,
        "id": None,
        **fields,
    }
    return {"type": kind, "data": data}


_USAGE = {
    "input_tokens": 12,
    "output_tokens": 3,
    "total_tokens": 15,
    "input_token_details": {"cache_read": 0},
}
_AI = _message(
    "ai",
    "Paris.",
    id="run-1b2f6a3c",
    response_metadata={"model_name": "fake-model", "finish_reason": "stop"},
    tool_calls=[],
    invalid_tool_calls=[],
    usage_metadata=_USAGE,
)
_RUN_FIELDS = {"run_id": RUN, "parent_run_id": PARENT}

EXAMPLES: dict[str, dict[str, Any]] = {
    "on_llm_start": {
        "serialized": {"lc": 1, "type": "constructor", "id": ["my_app", "EchoLLM"], "kwargs": {}},
        "prompts": ["What is the capital of France?"],
        **_RUN_FIELDS,
        "tags": ["geography"],
        "metadata": {"ls_provider": "fake"},
        "kwargs": {"invocation_params": {"temperature": 0.0}, "name": None},
    },
    "on_chat_model_start": {
        "serialized": {
            "lc": 1,
            "type": "constructor",
            "id": ["my_app", "FakeChat"],
            "kwargs": {"model": "fake-model"},
        },
        "messages": [
            [
                _message("system", "Answer in one word."),
                _message("human", "What is the capital of France?"),
            ]
        ],
        **_RUN_FIELDS,
        "tags": [],
        "metadata": {"ls_model_name": "fake-model"},
        "kwargs": {"invocation_params": {"model": "fake-model"}, "batch_size": 1},
    },
    "on_llm_new_token": {
        "token": "Paris",
        "chunk": {
            "type": "ChatGenerationChunk",
            "text": "Paris",
            "generation_info": None,
            "message": _message(
                "AIMessageChunk",
                "Paris",
                id="run-1b2f6a3c",
                tool_calls=[],
                invalid_tool_calls=[],
                usage_metadata=None,
                tool_call_chunks=[],
                chunk_position=None,
            ),
        },
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {},
    },
    "on_llm_end": {
        "response": {
            "type": "LLMResult",
            "generations": [
                [
                    {
                        "type": "ChatGeneration",
                        "text": "Paris.",
                        "generation_info": None,
                        "message": _AI,
                    }
                ]
            ],
            "llm_output": None,
            "run": None,
        },
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {},
    },
    "on_llm_error": {
        "error": {"type": "TimeoutError", "module": "builtins", "message": "model timed out"},
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {
            "response": {"type": "LLMResult", "generations": [], "llm_output": None, "run": None}
        },
    },
    "on_chain_start": {
        "serialized": None,
        "inputs": {"question": "What is the capital of France?"},
        "run_id": RUN,
        "parent_run_id": None,
        "tags": ["qa"],
        "metadata": {"user": "u-42"},
        "kwargs": {"name": "RunnableSequence"},
    },
    "on_chain_end": {
        "outputs": "Paris.",
        "run_id": RUN,
        "parent_run_id": None,
        "tags": ["qa"],
        "kwargs": {},
    },
    "on_chain_error": {
        "error": {"type": "KeyError", "module": "builtins", "message": "'question'"},
        "run_id": RUN,
        "parent_run_id": None,
        "tags": ["qa"],
        "kwargs": {},
    },
    "on_tool_start": {
        "serialized": {"name": "lookup", "description": "Look a city up."},
        "input_str": "{'city': 'Paris'}",
        **_RUN_FIELDS,
        "tags": [],
        "metadata": {},
        "inputs": {"city": "Paris"},
        "kwargs": {"color": "green", "name": None, "tool_call_id": None},
    },
    "on_tool_end": {
        "output": "Paris: 2.1 million inhabitants",
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {"color": "green", "name": "lookup"},
    },
    "on_tool_error": {
        "error": {
            "type": "ToolException",
            "module": "langchain_core.tools.base",
            "message": "unknown city",
        },
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {"tool_call_id": None},
    },
    "on_retriever_start": {
        "serialized": None,
        "query": "capital of France",
        **_RUN_FIELDS,
        "tags": [],
        "metadata": {},
        "kwargs": {"name": "CityRetriever"},
    },
    "on_retriever_end": {
        "documents": [
            {
                "type": "Document",
                "page_content": "Paris is the capital of France.",
                "metadata": {"source": "atlas.txt", "page": 12},
                "id": "doc-1",
            }
        ],
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {},
    },
    "on_retriever_error": {
        "error": {"type": "ConnectionError", "module": "builtins", "message": "index offline"},
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {},
    },
    "on_agent_action": {
        "action": {
            "type": "AgentAction",
            "tool": "lookup",
            "tool_input": {"city": "Paris"},
            "log": "I should look the city up.",
        },
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {},
    },
    "on_agent_finish": {
        "finish": {
            "type": "AgentFinish",
            "return_values": {"output": "Paris."},
            "log": "Final answer: Paris.",
        },
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {},
    },
    "on_text": {
        "text": "Thinking about the question...",
        **_RUN_FIELDS,
        "tags": [],
        "kwargs": {"verbose": False},
    },
    "on_retry": {
        "retry_state": {
            "attempt_number": 1,
            "idle_for": 0.0,
            "upcoming_sleep": 0.5,
            "seconds_since_start": 0.012,
            "fn": "my_app.fetch_answer",
            "outcome": {
                "failed": True,
                "error": {"type": "TimeoutError", "module": "builtins", "message": "slow"},
            },
        },
        **_RUN_FIELDS,
        "kwargs": {"tags": []},
    },
    "on_custom_event": {
        "name": "progress",
        "data": {"step": 2, "of": 5, "at": "2024-05-01T12:00:00+00:00"},
        "run_id": CHILD,
        "tags": ["qa"],
        "metadata": {"user": "u-42"},
        "kwargs": {},
    },
}


def example(event: str) -> dict[str, Any]:
    return {"event": event, **copy.deepcopy(EXAMPLES[event])}


# --- writing --------------------------------------------------------------------


def documents() -> dict[str, Any]:
    """Every file to write, by path relative to the schema folder."""
    files: dict[str, Any] = {"defs.json": defs_schema(), "event.json": envelope_schema()}
    for event in EVENT_NAMES:
        files[f"{event}.json"] = event_schema(event)
        files[f"examples/{event}.json"] = example(event)
    return files


def render(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    files = documents()
    for root in OUTPUTS:
        (root / "examples").mkdir(parents=True, exist_ok=True)
        stale = {p.relative_to(root).as_posix() for p in root.rglob("*.json")} - set(files)
        for name in stale:
            (root / name).unlink()
        for name, document in files.items():
            (root / name).write_text(render(document), encoding="utf-8")
    print(f"wrote {len(files)} files to each of: {', '.join(str(o) for o in OUTPUTS)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
