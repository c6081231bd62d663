"""Recording handlers and small drivers shared by the conformance tests.

Every test builds its handlers with :func:`make_handler`: an instance of a
class derived from the binding's ``BaseCallbackHandler`` (or
``AsyncCallbackHandler``) whose every event method records an
:class:`Event` into a shared :class:`Trace`.  The event methods accept
whatever the implementation passes and bind it to the *documented*
signature (from the shipped signature data), so an event's ``args`` are the
documented parameter names mapped to the values received, whether they were
passed by position or by keyword.

A handler's behaviour is set per instance: which ignore flags are true,
``raise_error``, ``run_inline``, exceptions to raise from given events, and
whether ``on_chat_model_start`` is left unimplemented.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import threading
import uuid
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from conformance.signatures import load

#: Documented handler events with their signatures (``self`` excluded).
EVENTS: dict[str, inspect.Signature] = {}
for _name, _spec in load()["objects"]["BaseCallbackHandler"]["members"].items():
    if _spec["kind"] == "method":
        EVENTS[_name] = inspect.Signature(
            [
                inspect.Parameter(
                    p["name"],
                    getattr(inspect.Parameter, p["kind"]),
                    **({"default": p["default"]} if "default" in p else {}),
                )
                for p in _spec["parameters"]
            ]
        )

#: The ignore flag that silences each event (None: never skipped).
FLAG_OF: dict[str, str | None] = {
    "on_llm_start": "ignore_llm",
    "on_llm_new_token": "ignore_llm",
    "on_llm_end": "ignore_llm",
    "on_llm_error": "ignore_llm",
    "on_chat_model_start": "ignore_chat_model",
    "on_chain_start": "ignore_chain",
    "on_chain_end": "ignore_chain",
    "on_chain_error": "ignore_chain",
    "on_tool_start": "ignore_agent",
    "on_tool_end": "ignore_agent",
    "on_tool_error": "ignore_agent",
    "on_agent_action": "ignore_agent",
    "on_agent_finish": "ignore_agent",
    "on_retriever_start": "ignore_retriever",
    "on_retriever_end": "ignore_retriever",
    "on_retriever_error": "ignore_retriever",
    "on_retry": "ignore_retry",
    "on_custom_event": "ignore_custom_event",
    "on_text": None,
}
FLAGS = sorted({f for f in FLAG_OF.values() if f is not None})


@contextmanager
def checking(*clause_ids: str) -> Iterator[None]:
    """Blame an assertion that fails inside the block on ``clause_ids`` only.

    A test tagged with several clauses (a property checking order, ignore
    flags and error handling of one random handler set, say) wraps each of
    its checks in ``checking(...)``; when one fails, the report credits the
    failure to that check's clauses, not to every clause of the test.
    """
    try:
        yield
    except AssertionError as error:
        blamed = getattr(error, "conformance_clauses", ())
        error.conformance_clauses = (*clause_ids, *blamed)  # type: ignore[attr-defined]
        raise


#: A context variable the tests set before a call, read by handlers when called.
PROBE: ContextVar[str | None] = ContextVar("conformance_probe", default=None)


@dataclass
class Event:
    """One event as a handler received it."""

    handler: str
    name: str
    args: dict[str, Any]
    thread: int
    loop_running: bool
    probe: str | None


class Trace(list[Event]):
    """Events in the order handlers received them (appends are thread-safe in CPython).

    ``steps`` holds what the test did to produce them, written as code in
    terms of the binding (``impl``): the reproduction shown when a test fails.
    """

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[str] = []

    def begin_iteration(self, label: str) -> None:
        """A test's loop starts its next iteration: forget the events and steps of the
        earlier ones, so that a failure shows the failing iteration alone."""
        self.clear()
        self.steps.clear()
        self.steps.append(f"# {label}")

    def of(self, handler: str) -> list[Event]:
        return [e for e in self if e.handler == handler]

    def names(self, handler: str | None = None) -> list[str]:
        return [e.name for e in self if handler is None or e.handler == handler]

    def pairs(self) -> list[tuple[str, str]]:
        return [(e.handler, e.name) for e in self]

    def render(self) -> str:
        return "\n".join(f"  {e.handler}.{e.name}({_short(e.args)})" for e in self) or "  (none)"


def _short(args: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}"[:60] for k, v in args.items())


@dataclass
class Behaviour:
    ignore: frozenset[str] = frozenset()
    raise_error: bool = False
    run_inline: bool = False
    fail: dict[str, BaseException] = field(default_factory=dict)
    no_chat: bool = False


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _record(handler: Any, event: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    behaviour: Behaviour = handler._behaviour
    if event == "on_chat_model_start" and behaviour.no_chat:
        raise NotImplementedError("this handler leaves on_chat_model_start unimplemented")
    try:
        bound = EVENTS[event].bind(*args, **kwargs)
        received = dict(bound.arguments)
        received.update(received.pop("kwargs", {}))
    except TypeError as error:
        received = {"<does not fit the documented signature>": f"{error}: {args!r} {kwargs!r}"}
    handler._trace.append(
        Event(
            handler._label,
            event,
            received,
            threading.get_ident(),
            _loop_running(),
            PROBE.get(),
        )
    )
    if event in behaviour.fail:
        raise behaviour.fail[event]


def _sync_event(event: str) -> Any:
    def method(self: Any, *args: Any, **kwargs: Any) -> None:
        _record(self, event, args, kwargs)

    method.__name__ = method.__qualname__ = event
    return method


def _async_event(event: str) -> Any:
    async def method(self: Any, *args: Any, **kwargs: Any) -> None:
        _record(self, event, args, kwargs)

    method.__name__ = method.__qualname__ = event
    return method


def _flag_property(flag: str) -> property:
    return property(lambda self: flag in self._behaviour.ignore)


def _init(self: Any, label: str, trace: Trace, behaviour: Behaviour) -> None:
    self._label = label
    self._trace = trace
    self._behaviour = behaviour
    self.raise_error = behaviour.raise_error
    self.run_inline = behaviour.run_inline


_class_cache: dict[tuple[int, bool], type] = {}


def recorder_class(impl: Any, is_async: bool) -> type:
    """The recording handler class for ``impl`` (sync or async events)."""
    key = (id(impl), is_async)
    if key not in _class_cache:
        base = impl.AsyncCallbackHandler if is_async else impl.BaseCallbackHandler
        make = _async_event if is_async else _sync_event
        namespace: dict[str, Any] = {name: make(name) for name in EVENTS}
        namespace.update({flag: _flag_property(flag) for flag in FLAGS})
        namespace["__init__"] = _init
        namespace["__repr__"] = lambda self: f"<{type(self).__name__} {self._label}>"
        name = "AsyncRecordingHandler" if is_async else "RecordingHandler"
        _class_cache[key] = type(name, (base,), namespace)
    return _class_cache[key]


def run(result: Any) -> Any:
    """Return ``result``, or run it to completion when it is a coroutine (async managers)."""
    if inspect.iscoroutine(result):
        return asyncio.run(result)
    return result


# --- manager state ------------------------------------------------------------


def same_objects(observed: list[Any], expected: list[Any]) -> bool:
    """Same length, and the same objects (by identity) in the same order."""
    return len(observed) == len(expected) and all(
        a is b for a, b in zip(observed, expected, strict=True)
    )


def snapshot(manager: Any) -> dict[str, Any]:
    """The manager's state as plain copies (handler lists hold the same objects)."""
    return {
        "handlers": list(manager.handlers),
        "inheritable_handlers": list(manager.inheritable_handlers),
        "tags": list(manager.tags),
        "inheritable_tags": list(manager.inheritable_tags),
        "metadata": dict(manager.metadata),
        "inheritable_metadata": dict(manager.inheritable_metadata),
        "parent_run_id": manager.parent_run_id,
    }


def assert_unchanged(manager: Any, before: dict[str, Any], what: str) -> None:
    after = snapshot(manager)
    for name in ("handlers", "inheritable_handlers"):
        assert same_objects(after[name], before[name]), (
            f"{what}.{name} changed: expected {before[name]}, observed {after[name]}"
        )
    for name in ("tags", "inheritable_tags", "metadata", "inheritable_metadata", "parent_run_id"):
        assert after[name] == before[name], (
            f"{what}.{name} changed: expected {before[name]!r}, observed {after[name]!r}"
        )


# --- driving every event through the public API ------------------------------

SERIALIZED = {"name": "conformance"}

#: Events a manager delivers when a run starts, and events of a started run.
START_EVENTS = [
    "on_llm_start",
    "on_chat_model_start",
    "on_chain_start",
    "on_tool_start",
    "on_retriever_start",
]
#: run-manager event -> the start event that opens the kind of run offering it.
RUN_EVENTS = {
    "on_llm_new_token": "on_llm_start",
    "on_llm_end": "on_llm_start",
    "on_llm_error": "on_llm_start",
    "on_chain_end": "on_chain_start",
    "on_chain_error": "on_chain_start",
    "on_agent_action": "on_chain_start",
    "on_agent_finish": "on_chain_start",
    "on_tool_end": "on_tool_start",
    "on_tool_error": "on_tool_start",
    "on_retriever_end": "on_retriever_start",
    "on_retriever_error": "on_retriever_start",
    "on_text": "on_chain_start",
    "on_retry": "on_chain_start",
}


def start_args(impl: Any, event: str, prompts: int = 1) -> tuple[Any, ...]:
    """Positional arguments of a manager's start method (by default one prompt / message
    list; ``prompts`` of them for an LLM or chat model start)."""
    if prompts > 1:
        if event == "on_llm_start":
            return (SERIALIZED, [f"prompt {i}" for i in range(prompts)])
        if event == "on_chat_model_start":
            lists = [[impl.HumanMessage(content=f"message {i}")] for i in range(prompts)]
            return (SERIALIZED, lists)
    return {
        "on_llm_start": (SERIALIZED, ["a prompt"]),
        "on_chat_model_start": (SERIALIZED, [[impl.HumanMessage(content="hi")]]),
        "on_chain_start": (SERIALIZED, {"question": "q"}),
        "on_tool_start": (SERIALIZED, "tool input"),
        "on_retriever_start": (SERIALIZED, "a query"),
    }[event]


def run_event_arg(impl: Any, event: str) -> Any:
    """The positional argument of a run-manager event."""
    if event.endswith("_error"):
        return ValueError(f"failure reported through {event}")
    return {
        "on_llm_new_token": "tok",
        "on_llm_end": impl.LLMResult(generations=[[impl.Generation(text="out")]]),
        "on_chain_end": {"answer": 42},
        "on_agent_action": impl.AgentAction(tool="search", tool_input="q", log="thinking"),
        "on_agent_finish": impl.AgentFinish(return_values={"output": "done"}, log="done"),
        "on_tool_end": "tool output",
        "on_retriever_end": [impl.Document(page_content="doc")],
        "on_text": "some text",
        "on_retry": {"attempt_number": 2},
    }[event]


#: The calls of :func:`start` or :func:`drive`, one at a time: the generator yields
#: what each call returned (a coroutine under an async manager) and is sent back
#: its value; it returns what the driver returns.  :func:`resolve` runs it with
#: one event loop per coroutine, :func:`aresolve` inside a running loop.
Calls = Generator[Any, Any, Any]


def start_calls(manager: Any, impl: Any, event: str, kwargs: dict[str, Any]) -> Calls:
    """The calls of :func:`start`."""
    args = start_args(impl, event)
    note(manager, impl, f"runs = manager.{event}({_call_args(impl, args, kwargs)})")
    result = yield getattr(manager, event)(*args, **kwargs)
    if isinstance(result, list):
        note(manager, impl, "run_manager = runs[0]")
        return result[0]
    note(manager, impl, "run_manager = runs")
    return result


def drive_calls(manager: Any, impl: Any, event: str) -> Calls:
    """The calls of :func:`drive`."""
    if event == "on_custom_event":
        note(manager, impl, "manager.on_custom_event('my-event', {'k': 1})")
        yield manager.on_custom_event("my-event", {"k": 1})
    elif event in START_EVENTS:
        yield from start_calls(manager, impl, event, {})
    else:
        run_manager = yield from start_calls(manager, impl, RUN_EVENTS[event], {})
        argument = run_event_arg(impl, event)
        note(manager, impl, f"run_manager.{event}({as_code(argument, impl)})")
        yield getattr(run_manager, event)(argument)


def resolve(calls: Calls) -> Any:
    """Make ``calls``, running each coroutine to completion on a loop of its own."""
    try:
        result = next(calls)
        while True:
            result = calls.send(run(result))
    except StopIteration as done:
        return done.value


async def aresolve(calls: Calls) -> Any:
    """Make ``calls`` inside a running event loop, awaiting each awaitable result."""
    try:
        result = next(calls)
        while True:
            result = calls.send(await result if inspect.isawaitable(result) else result)
    except StopIteration as done:
        return done.value


def start(manager: Any, impl: Any, event: str, **kwargs: Any) -> Any:
    """Start one run with ``event``; return its run manager."""
    return resolve(start_calls(manager, impl, event, kwargs))


def call(impl: Any, target: Any, method: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``target.method(*args, **kwargs)`` (running it when it is a coroutine)
    and write the call into the reproduction steps.

    ``target`` is a manager (written ``manager``) or the run manager that
    :func:`start` returned (written ``run_manager``).
    """
    managers = (impl.CallbackManager, impl.AsyncCallbackManager)
    variable = "manager" if isinstance(target, managers) else "run_manager"
    bound = getattr(target, method)
    result = None
    try:
        result = bound(*args, **kwargs)
    finally:  # the step is written even when the call raised
        awaited = inspect.isawaitable(result) or inspect.iscoroutinefunction(bound)
        line = f"{'await ' if awaited else ''}{variable}.{method}({_call_args(impl, args, kwargs)})"
        note(target, impl, line)
    return run(result)


def drive(manager: Any, impl: Any, event: str) -> None:
    """Make ``manager`` deliver ``event`` (starting a run first for run events)."""
    resolve(drive_calls(manager, impl, event))


# --- reproduction steps --------------------------------------------------------


def note(manager: Any, impl: Any, *lines: str) -> None:
    """Record ``lines`` (code using ``manager``) as steps of the test's reproduction.

    The trace is found through the manager's recording handlers; the first
    note about a manager also records how to build it.  Coroutine results
    are implied: under an async manager (an instance of the binding's
    ``AsyncCallbackManager``) each call is awaited.
    """
    handlers = [*getattr(manager, "handlers", []), *getattr(manager, "inheritable_handlers", [])]
    traces = [h._trace for h in handlers if isinstance(getattr(h, "_trace", None), Trace)]
    if not traces:
        return
    steps = traces[0].steps
    if not isinstance(manager, (impl.CallbackManager, impl.AsyncCallbackManager)):
        steps.extend(lines)  # a run manager: the caller spelled out any await
        return
    built = _construction(manager, impl)
    if built not in steps:
        steps.append(built)
    if isinstance(manager, impl.AsyncCallbackManager):
        lines = tuple(_CALL.sub(r"\1await \2", line) for line in lines)
    steps.extend(lines)


#: a line calling a manager or run-manager method, optionally assigning the result
_CALL = re.compile(r"^((?:\w+ = )?)((?:run_)?manager\.on_)")


def _construction(manager: Any, impl: Any) -> str:
    def names(handlers: list[Any]) -> str:
        return "[" + ", ".join(_handler_code(h) for h in handlers) + "]"

    fields = [f"handlers={names(manager.handlers)}"]
    if manager.inheritable_handlers:
        fields.append(f"inheritable_handlers={names(manager.inheritable_handlers)}")
    for name in ("parent_run_id", "tags", "inheritable_tags", "metadata", "inheritable_metadata"):
        value = getattr(manager, name, None)
        if value:
            fields.append(f"{name}={as_code(value, impl)}")
    return f"manager = impl.{type(manager).__name__}({', '.join(fields)})"


def _handler_code(handler: Any) -> str:
    """The handler as a call of ``conformance.recording``'s ``Recorder`` or ``AsyncRecorder``."""
    behaviour = getattr(handler, "_behaviour", None)
    if behaviour is None:
        return repr(handler)
    traits = [repr(handler._label)]
    if behaviour.ignore:
        traits.append(f"ignore={sorted(behaviour.ignore)!r}")
    if behaviour.raise_error:
        traits.append("raise_error=True")
    if behaviour.run_inline:
        traits.append("run_inline=True")
    if behaviour.fail:
        failing = ", ".join(f"{event!r}: {error!r}" for event, error in behaviour.fail.items())
        traits.append(f"fail={{{failing}}}")
    if behaviour.no_chat:
        traits.append("no_chat=True")
    kind = "Async" if isinstance(handler, _async_bases()) else ""
    return f"{kind}Recorder({', '.join(traits)})"


def _async_bases() -> tuple[type, ...]:
    return tuple(cls for (_, is_async), cls in _class_cache.items() if is_async)


def _call_args(impl: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    return ", ".join(
        [*(as_code(a, impl) for a in args), *(f"{k}={as_code(v, impl)}" for k, v in kwargs.items())]
    )


#: The binding's data types: the keyword fields that reproduction steps always
#: spell out, then the optional ones with the default that lets them be left out.
DATA_FIELDS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "LLMResult": (("generations",), {"llm_output": None}),
    "Generation": (("text",), {"generation_info": None}),
    "ChatGeneration": (("message",), {"generation_info": None}),
    "AIMessage": (("content",), {"usage_metadata": None, "response_metadata": {}}),
    "HumanMessage": (("content",), {}),
    "Document": (("page_content",), {"metadata": {}}),
    "AgentAction": (("tool", "tool_input", "log"), {}),
    "AgentFinish": (("return_values", "log"), {}),
}


def as_code(value: Any, impl: Any) -> str:
    """``value`` written as Python that rebuilds it with the binding (``impl.Name(...)``
    for its data types, ``UUID('...')`` for UUIDs, ``repr`` for the rest)."""
    for name, (required, optional) in DATA_FIELDS.items():
        if type(value) is getattr(impl, name, None):
            changed = (f for f, default in optional.items() if getattr(value, f, None) != default)
            shown = [*required, *changed]
            fields = ", ".join(f"{f}={as_code(getattr(value, f, None), impl)}" for f in shown)
            return f"impl.{name}({fields})"
    if isinstance(value, uuid.UUID):
        return f"UUID({str(value)!r})"
    if isinstance(value, dict):
        items = (f"{as_code(k, impl)}: {as_code(v, impl)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(as_code(v, impl) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(as_code(v, impl) for v in value)
        return f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value)


ALL_EVENTS = [*START_EVENTS, *RUN_EVENTS, "on_custom_event"]
assert sorted(ALL_EVENTS) == sorted(EVENTS), "every documented event is driven"
