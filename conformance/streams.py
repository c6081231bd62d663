"""Legal event streams for one handler, drawn by hypothesis and played through a binding's managers.

A :class:`Stream` is a description (plain frozen values, printable in a
falsifying example): a run tree with one order of its calls (from
:mod:`conformance.suite.strategies`), where the handler is attached (to the
root manager, or only to the manager an inner run is started from, so that
the first run it sees has a parent it never received), whether it is
inheritable, the root manager's parent run id, tags and metadata, and one
payload per call.  Payloads cover what the managers' signatures allow:
``serialized=None``, inputs and outputs of any JSON shape or none (objects,
bytes, dates, messages, documents), long and non-ASCII strings, results
without generations, tokens with and without a chunk, errors of several
types, extra keyword arguments.

:func:`plan` turns a stream into steps; each step is one line of Python
using the binding (``impl``) and the handler (``handler``) and the function
that does what the line says, so a failing stream is shown as the code that
reproduces it (:func:`render`) and played (:func:`play`, :func:`aplay`) from
the same steps.
"""

from __future__ import annotations

import copy
import datetime
import inspect
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from conformance.suite.strategies import (
    MODEL_KINDS,
    PARENT_KINDS,
    Call,
    RunNode,
    RunScript,
    interleavings,
    run_trees,
)
from conformance.suite.support import DATA_FIELDS, as_code

# --- objects that are not JSON, with a repr that is code -------------------------------


class Opaque:
    """An application object passed as an input or output (not JSON-serializable)."""

    def __init__(self, state: str) -> None:
        self.state = state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.state == self.state

    def __hash__(self) -> int:
        return hash(self.state)

    def __repr__(self) -> str:
        return f"Opaque({self.state!r})"


class RetryState:
    """What ``on_retry`` receives (tenacity's ``RetryCallState`` in LangChain): an object."""

    def __init__(self, attempt_number: int) -> None:
        self.attempt_number = attempt_number
        self.outcome = None
        self.idle_for = 0.0

    def __repr__(self) -> str:
        return f"RetryState(attempt_number={self.attempt_number})"


class StreamError(Exception):
    """An application's own exception type, reported through ``on_*_error``."""


# --- payload descriptions ----------------------------------------------------------


@dataclass(frozen=True)
class Made:
    """One of the binding's data types, built at play time: ``impl.<name>(**fields)``."""

    name: str
    fields: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Err:
    """An exception, built fresh at play time."""

    kind: str
    message: str


_ERRORS: dict[str, type[BaseException]] = {
    "ValueError": ValueError,
    "KeyError": KeyError,
    "RuntimeError": RuntimeError,
    "TimeoutError": TimeoutError,
    "StreamError": StreamError,
}


def build(value: Any, impl: Any) -> Any:
    """The object ``value`` describes: fresh (never shared between plays)."""
    if isinstance(value, Made):
        return getattr(impl, value.name)(**{k: build(v, impl) for k, v in value.fields})
    if isinstance(value, Err):
        return _ERRORS[value.kind](value.message)
    if isinstance(value, dict):
        return {k: build(v, impl) for k, v in value.items()}
    if isinstance(value, list):
        return [build(v, impl) for v in value]
    if isinstance(value, tuple):
        return tuple(build(v, impl) for v in value)
    if isinstance(value, RetryState):
        return RetryState(value.attempt_number)
    return copy.deepcopy(value)


def code(value: Any, impl: Any) -> str:
    """``value`` (a description or a built object) as Python using ``impl``."""
    if isinstance(value, Made):
        return f"impl.{value.name}({', '.join(f'{k}={code(v, impl)}' for k, v in value.fields)})"
    if isinstance(value, Err):
        return f"{value.kind}({value.message!r})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{code(k, impl)}: {code(v, impl)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(code(v, impl) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(code(v, impl) for v in value)
        return f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, str) and len(value) > 60 and len(set(value)) == 1:
        return f"{value[0]!r} * {len(value)}"
    if isinstance(value, float) and value != value:  # pragma: no cover - never drawn
        return "float('nan')"
    if any(type(value) is getattr(impl, name, None) for name in DATA_FIELDS):
        return as_code(value, impl)
    return repr(value)


PREAMBLE = (
    "import asyncio, datetime",
    "from decimal import Decimal",
    "from uuid import UUID",
    "from conformance.streams import Opaque, RetryState, StreamError",
)

# --- strategies (built once) -----------------------------------------------------------

_SPECIAL_TEXT = ("", "naïve café ☃ 日本語 🦜", "line\nbreak\ttab", "\x00", "x" * 1000, "é" * 200)
TEXT = st.one_of(st.text(max_size=10), st.sampled_from(_SPECIAL_TEXT))
_NAME = st.one_of(st.sampled_from(("step", "my_tool", "retriever", "ü-name")), st.text(max_size=8))
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
JSON = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=6,
)
_MESSAGE = st.builds(
    lambda name, content: Made(name, (("content", content),)),
    st.sampled_from(("HumanMessage", "AIMessage")),
    TEXT,
)
_DOCUMENT = st.builds(
    lambda content, metadata: Made("Document", (("page_content", content), ("metadata", metadata))),
    TEXT,
    st.dictionaries(TEXT, JSON, max_size=2),
)
_OPAQUE = st.one_of(
    st.sampled_from(
        (
            Opaque("state"),
            datetime.datetime(2024, 5, 1, 12, 30),
            Decimal("1.25"),
            b"\x00\xffbytes",
            frozenset({1, 2}),
            (1, "two"),
            uuid.UUID(int=7),
        )
    ),
    _MESSAGE,
    _DOCUMENT,
)
#: Inputs and outputs: any JSON shape, non-JSON objects, or dictionaries holding them.
ANY = st.one_of(JSON, _OPAQUE, st.dictionaries(TEXT, st.one_of(JSON, _OPAQUE), max_size=3))
SERIALIZED = st.one_of(
    st.none(),
    st.just({}),
    st.builds(lambda name: {"name": name}, _NAME),
    st.builds(
        lambda name: {"lc": 1, "type": "constructor", "id": ["my_pkg", name], "kwargs": {}},
        _NAME,
    ),
    st.builds(lambda name: {"lc": 1, "type": "not_implemented", "id": ["x", name]}, _NAME),
)
EXTRA_KWARGS: st.SearchStrategy[tuple[tuple[str, Any], ...]] = st.one_of(
    st.just(()),
    st.builds(lambda name: (("name", name),), _NAME),
    st.just((("invocation_params", {"model": "m", "temperature": 0.5}), ("options", {}))),
    st.builds(lambda v: (("conformance_extra", v),), ANY),
)
ERROR = st.builds(Err, st.sampled_from(sorted(_ERRORS)), TEXT)


def _generation(kind: str) -> st.SearchStrategy[Made]:
    if kind == "on_chat_model_start":
        return st.builds(
            lambda text: Made(
                "ChatGeneration", (("message", Made("AIMessage", (("content", text),))),)
            ),
            TEXT,
        )
    return st.builds(lambda text: Made("Generation", (("text", text),)), TEXT)


def _result(kind: str) -> st.SearchStrategy[Made]:
    return st.builds(
        lambda gens, out: Made("LLMResult", (("generations", gens), ("llm_output", out))),
        st.lists(st.lists(_generation(kind), max_size=2), max_size=2),
        st.one_of(st.none(), st.dictionaries(TEXT, JSON, max_size=2)),
    )


_RESULTS = {kind: _result(kind) for kind in MODEL_KINDS}
_CHUNKS = {
    kind: st.one_of(st.none(), _generation(kind).map(lambda m: (("chunk", m),)))
    for kind in MODEL_KINDS
}
_ACTION = st.builds(
    lambda tool, tool_input, log: Made(
        "AgentAction", (("tool", tool), ("tool_input", tool_input), ("log", log))
    ),
    _NAME,
    st.one_of(TEXT, st.dictionaries(TEXT, JSON, max_size=2)),
    TEXT,
)
_FINISH = st.builds(
    lambda values, log: Made("AgentFinish", (("return_values", values), ("log", log))),
    st.dictionaries(TEXT, ANY, max_size=2),
    TEXT,
)


@dataclass(frozen=True)
class Payload:
    """The arguments of one call, as descriptions."""

    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...] = ()


def _draw_payload(draw: st.DrawFn, node: RunNode, event: str, prompts: int) -> Payload:
    extra = draw(EXTRA_KWARGS)
    if event == node.kind:  # a start
        serialized = draw(SERIALIZED)
        if event == "on_llm_start":
            return Payload((serialized, [draw(TEXT) for _ in range(prompts)]), extra)
        if event == "on_chat_model_start":
            lists = [draw(st.lists(_MESSAGE, max_size=3)) for _ in range(prompts)]
            return Payload((serialized, lists), extra)
        if event == "on_chain_start":
            return Payload((serialized, draw(ANY)), extra)
        if event == "on_tool_start":
            inputs = draw(st.one_of(st.just(()), st.builds(lambda d: (("inputs", d),), ANY)))
            return Payload((serialized, draw(TEXT)), (*inputs, *extra))
        return Payload((serialized, draw(TEXT)), extra)  # retriever
    if event.endswith("_error"):
        return Payload((draw(ERROR),), extra)
    if event == "on_llm_new_token":
        chunk = draw(_CHUNKS[node.kind]) or ()
        return Payload((draw(TEXT),), chunk)
    makers: dict[str, Callable[[], Any]] = {
        "on_llm_end": lambda: draw(_RESULTS[node.kind]),
        "on_chain_end": lambda: draw(ANY),
        "on_tool_end": lambda: draw(ANY),
        "on_retriever_end": lambda: draw(st.lists(_DOCUMENT, max_size=3)),
        "on_agent_action": lambda: draw(_ACTION),
        "on_agent_finish": lambda: draw(_FINISH),
        "on_text": lambda: draw(TEXT),
        "on_retry": lambda: RetryState(draw(st.integers(1, 5))),
        "on_custom_event": lambda: (draw(_NAME.filter(bool)), draw(ANY)),
    }
    value = makers[event]()
    if event == "on_custom_event":
        return Payload(value)  # custom events take no extra keyword arguments (CUSTOM-02)
    return Payload((value,), extra)


# --- streams ------------------------------------------------------------------------

FOREIGN_PARENT = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
_TAGS = st.lists(st.sampled_from(("prod", "tenant-ü", "beta")), unique=True, max_size=2)
_METADATA = st.dictionaries(st.sampled_from(("user", "session", "tier")), JSON, max_size=2)


@dataclass(frozen=True)
class Stream:
    """One legal stream of calls for a handler (see the module docstring)."""

    script: RunScript
    attach: str  # label of the run whose start manager holds the handler ("r": the root)
    inherit: bool  # the handler is inheritable there (reaches child runs)
    parent_run_id: uuid.UUID | None  # the root manager's parent (a run the handler never saw)
    tags: tuple[str, ...]
    inheritable_tags: bool
    metadata: tuple[tuple[str, Any], ...]
    payloads: tuple[Payload, ...]  # one per call of script.calls


@st.composite
def streams(draw: st.DrawFn, *, max_depth: int = 4) -> Stream:
    """A run tree of every kind of run (up to ``max_depth`` levels) with one call order,
    custom events among the events of chain, tool and retriever runs, where the handler
    is attached, and a payload per call."""
    root = draw(run_trees(max_depth=max_depth))
    calls = list(draw(interleavings(root)))
    nodes = {node.label: node for node in root.walk()}
    for index, call in enumerate(calls):
        node = nodes[call.run]
        replaceable = call.event in ("on_text", "on_retry") and node.kind in PARENT_KINDS
        if replaceable and draw(st.booleans()):
            calls[index] = Call(call.run, "on_custom_event")
    script = RunScript(root, tuple(calls))
    attachable = [label for label in nodes if "#" not in label]
    attach = draw(st.sampled_from(attachable))
    payloads = tuple(
        _draw_payload(draw, nodes[c.run], c.event, len(nodes[c.run].opened)) for c in calls
    )
    return Stream(
        script=script,
        attach=attach,
        inherit=draw(st.booleans()),
        parent_run_id=draw(st.sampled_from((None, FOREIGN_PARENT))),
        tags=tuple(draw(_TAGS)),
        inheritable_tags=draw(st.booleans()),
        metadata=tuple(draw(_METADATA).items()),
        payloads=payloads,
    )


def every_event_stream() -> Stream:
    """One fixed stream in which the handler receives every kind of event (the async
    hygiene test plays it; the benchmark uses it)."""
    chat = RunNode("r.1", "on_chat_model_start", None, ("on_llm_new_token",), "on_llm_end")
    llm = RunNode("r.2", "on_llm_start", None, ("on_llm_new_token",), "on_llm_error")
    tool = RunNode("r.0.0", "on_tool_start", None, ("on_retry",), "on_tool_end")
    retriever = RunNode("r.0.1", "on_retriever_start", None, (), "on_retriever_error")
    chain = RunNode(
        "r.0", "on_chain_start", "step", ("on_agent_action",), "on_chain_error", (tool, retriever)
    )
    root = RunNode(
        "r",
        "on_chain_start",
        None,
        ("on_text", "on_custom_event", "on_agent_finish"),
        "on_chain_end",
        (chain, chat, llm),
    )

    def order(node: RunNode) -> list[Call]:
        own = [Call(node.label, e) for e in node.intermediate]
        inner = [c for child in node.children for c in order(child)]
        return [Call(node.label, node.kind), *inner, *own, Call(node.label, node.final)]

    calls = tuple(order(root))
    script = RunScript(root, calls)
    payload = {
        "on_chain_start": Payload(({"name": "chain"}, {"question": "q"})),
        "on_tool_start": Payload((None, "input")),
        "on_retriever_start": Payload((None, "query")),
        "on_chat_model_start": Payload(
            ({"name": "chat"}, [[Made("HumanMessage", (("content", "hi"),))]])
        ),
        "on_llm_start": Payload(({"name": "llm"}, ["prompt"])),
        "on_llm_new_token": Payload(("tok",)),
        "on_text": Payload(("text",)),
        "on_retry": Payload((RetryState(2),)),
        "on_custom_event": Payload(("event", {"k": 1})),
        "on_agent_action": Payload(
            (Made("AgentAction", (("tool", "t"), ("tool_input", "i"), ("log", "l"))),)
        ),
        "on_agent_finish": Payload(
            (Made("AgentFinish", (("return_values", {"output": 1}), ("log", "l"))),)
        ),
        "on_chain_end": Payload(({"answer": 42},)),
        "on_tool_end": Payload(("output",)),
        "on_llm_end": Payload(
            (Made("LLMResult", (("generations", [[Made("Generation", (("text", "t"),))]]),)),)
        ),
    }
    payloads = tuple(payload.get(c.event, Payload((Err("ValueError", "failed"),))) for c in calls)
    return Stream(script, "r", True, None, ("prod",), True, (("user", "u"),), payloads)


# --- steps: code and action from one place ---------------------------------------------


@dataclass
class Step:
    """One line of the reproduction and what it does (``env`` maps variable names to
    objects: ``impl``, ``handler``, ``manager`` and one run manager per run)."""

    line: str
    action: Callable[[dict[str, Any]], Any]
    assign: tuple[str, ...] = ()  # variables the result is unpacked into (one: assigned)
    awaited: bool = False  # under an async manager the result is awaited
    unpack: bool = False  # the result is a list of run managers, one per variable


def variable(label: str) -> str:
    """``r.0.1`` -> ``run_r_0_1``; ``r.0#1`` (prompt 1 of r.0's start) -> ``run_r_0_p1``."""
    return "run_" + label.replace(".", "_").replace("#", "_p")


def plan(stream: Stream, impl: Any, manager_name: str) -> Iterator[Step]:
    """The steps that play ``stream`` with ``impl.<manager_name>`` as the root manager."""
    is_async = manager_name == "AsyncCallbackManager"
    at_root = stream.attach == "r"
    fields = [f"handlers={'[handler]' if at_root else '[]'}"]
    if at_root and stream.inherit:
        fields.append("inheritable_handlers=[handler]")
    if stream.parent_run_id is not None:
        fields.append(f"parent_run_id=UUID({str(stream.parent_run_id)!r})")
    if stream.tags:
        fields.append(f"tags={list(stream.tags)!r}")
        if stream.inheritable_tags:
            fields.append(f"inheritable_tags={list(stream.tags)!r}")
    if stream.metadata:
        fields.append(f"metadata={code(dict(stream.metadata), impl)}")

    def make_manager(env: dict[str, Any]) -> Any:
        handler = env["handler"]
        return getattr(impl, manager_name)(
            handlers=[handler] if at_root else [],
            inheritable_handlers=[handler] if at_root and stream.inherit else [],
            parent_run_id=stream.parent_run_id,
            tags=list(stream.tags),
            inheritable_tags=list(stream.tags) if stream.inheritable_tags else [],
            metadata=build(dict(stream.metadata), impl),
            inheritable_metadata={},
        )

    yield Step(f"manager = impl.{manager_name}({', '.join(fields)})", make_manager, ("manager",))
    nodes = stream.script.nodes
    for call, payload in zip(stream.script.calls, stream.payloads, strict=True):
        node = nodes[call.run]
        yield from _call_steps(stream, node, call, payload, impl, is_async)


def _call_steps(
    stream: Stream, node: RunNode, call: Call, payload: Payload, impl: Any, is_async: bool
) -> Iterator[Step]:
    args_code = ", ".join(
        [
            *(code(a, impl) for a in payload.args),
            *(f"{k}={code(v, impl)}" for k, v in payload.kwargs),
        ]
    )

    def arguments() -> tuple[tuple[Any, ...], dict[str, Any]]:
        return build(payload.args, impl), {k: build(v, impl) for k, v in payload.kwargs}

    if call.event == "on_custom_event":
        run = variable(call.run)

        def custom(env: dict[str, Any]) -> Any:
            args, kwargs = arguments()
            source = env[run]
            return source.get_child().on_custom_event(*args, run_id=source.run_id, **kwargs)

        line = f"{run}.get_child().on_custom_event({args_code}, run_id={run}.run_id)"
        yield Step(line, custom, awaited=is_async)
        return
    if call.event != node.kind:  # a run-manager event
        run = variable(call.run)

        def event(env: dict[str, Any], name: str = call.event) -> Any:
            args, kwargs = arguments()
            return getattr(env[run], name)(*args, **kwargs)

        yield Step(f"{run}.{call.event}({args_code})", event, awaited=is_async)
        return
    # a start: from the root manager or from get_child of the parent's run manager
    parent = node.parent_label
    if parent is None:
        source = "manager"
    else:
        tag = "" if node.tag is None else repr(node.tag)
        source = "child"

        def get_child(env: dict[str, Any], p: str = variable(parent), t: Any = node.tag) -> Any:
            return env[p].get_child() if t is None else env[p].get_child(t)

        yield Step(f"child = {variable(parent)}.get_child({tag})", get_child, ("child",))
        if node.label == stream.attach:

            def add(env: dict[str, Any]) -> Any:
                return env["child"].add_handler(env["handler"], inherit=stream.inherit)

            yield Step(f"child.add_handler(handler, inherit={stream.inherit})", add)
    names = tuple(variable(n.label) for n in node.opened)

    def start(env: dict[str, Any], name: str = call.event, src: str = source) -> Any:
        args, kwargs = arguments()
        return getattr(env[src], name)(*args, **kwargs)

    target = f"[{', '.join(names)}]" if call.event in MODEL_KINDS else names[0]
    prefix = "await " if is_async else ""
    line = f"{target} = {prefix}{source}.{call.event}({args_code})"
    many = call.event in MODEL_KINDS
    yield Step(line, start, names if many else names[:1], awaited=is_async, unpack=many)


def _store(step: Step, env: dict[str, Any], result: Any) -> None:
    if step.unpack:
        env.update(zip(step.assign, list(result), strict=True))
    elif step.assign:
        env[step.assign[0]] = result


def play(steps: Sequence[Step], env: dict[str, Any]) -> None:
    """Play the steps of a stream under a sync manager (plain calls, no loop running)."""
    for step in steps:
        _store(step, env, step.action(env))


async def aplay(steps: Sequence[Step], env: dict[str, Any]) -> None:
    """Play the steps of a stream under an async manager, awaiting each call."""
    for step in steps:
        result = step.action(env)
        if inspect.isawaitable(result):
            result = await result
        _store(step, env, result)


def render(steps: Sequence[Step], is_async: bool) -> list[str]:
    """The steps as the body of a function ``play(handler)`` (``async def`` under an async
    manager); each awaited call is written with ``await``."""
    body = []
    for step in steps:
        line = step.line
        if step.awaited and not line.startswith("await ") and " = await " not in line:
            line = f"await {line}"
        body.append(f"    {line}")
    head = "async def play(handler):" if is_async else "def play(handler):"
    return [head, *body]
