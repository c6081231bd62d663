"""Legal event streams for handler conformance: generated, delivered through real managers.

A stream is a :class:`Forest`: root runs of every kind, each with the events
a run manager may send (tokens with and without chunks, text, retries, agent
actions and finishes, custom events), child runs up to depth 4, and an end or
an error.  :func:`forests` draws them with hypothesis, :func:`drive` and
:func:`adrive` deliver one through the binding's ``CallbackManager`` or
``AsyncCallbackManager`` to the handler, and both return the manager calls
they made as Python source, so that a failure can be replayed as printed.

Values are what users pass: JSON of every shape, objects that are not JSON,
empty, long and non-ASCII strings, ``serialized=None``, results with no
generations.  With ``detached`` the handler is given to the inner runs only,
so their parent run is never delivered to it.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

__all__ = ["Forest", "Run", "adrive", "drive", "forests", "render_script"]

KINDS = ("chain", "tool", "retriever", "llm", "chat")


@dataclass
class Run:
    kind: str
    serialized: Any
    payload: Any  # inputs, input string, query, prompts or messages text
    output: Any
    fails: bool
    tokens: int = 0
    chunks: bool = False
    prompts: int = 1
    text: bool = False
    retry: bool = False
    agent: bool = False
    custom: bool = False
    empty_result: bool = False
    children: list[Run] = field(default_factory=list)


@dataclass
class Forest:
    roots: list[Run]
    detached: bool  # the handler sees the roots' children only, not the roots


class _Opaque:
    """An object that is not JSON, as users pass them (clients, numpy arrays, ...)."""

    def __repr__(self) -> str:
        return "_Opaque()"


_strings = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "héllo wörld", "日本語のテキスト", "emoji 🦜🔗", "x" * 5000]),
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _strings,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_strings, inner, max_size=3),
    max_leaves=8,
)
_values = st.one_of(
    _json,
    st.builds(_Opaque),
    st.just(b"bytes"),
    st.just(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)),
    st.frozensets(st.integers(), max_size=2),
)
_serialized = st.one_of(
    st.none(),
    st.fixed_dictionaries({"name": _strings}),
    st.just({"lc": 1, "type": "not_implemented", "id": ["my", "Runnable"]}),
)


@st.composite
def _runs(draw: st.DrawFn, depth: int) -> Run:
    kind = draw(st.sampled_from(KINDS))
    run = Run(
        kind=kind,
        serialized=draw(_serialized),
        payload=draw(
            _strings if kind != "chain" else st.dictionaries(_strings, _values, max_size=3)
        ),
        output=draw(_values),
        fails=draw(st.booleans()),
        text=draw(st.booleans()),
        retry=draw(st.booleans()),
    )
    if kind in ("llm", "chat"):
        run.tokens = draw(st.integers(0, 3))
        run.chunks = draw(st.booleans())
        run.prompts = draw(st.integers(1, 3))
        run.empty_result = draw(st.booleans())
    if kind == "chain":
        run.agent = draw(st.booleans())
        run.custom = draw(st.booleans())
    if kind in ("chain", "tool") and depth < 4:
        run.children = draw(st.lists(_runs(depth + 1), max_size=3 if depth < 2 else 1))
    return run


@st.composite
def forests(draw: st.DrawFn) -> Forest:
    """Forests of up to three root runs; roots are chains or tools when detached."""
    roots = draw(st.lists(_runs(1), min_size=1, max_size=3))
    return Forest(roots, detached=draw(st.booleans()))


# --- delivering a forest -------------------------------------------------------------


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:60] + "..." + text[-10:] + "  # (shortened)"


def _result(impl: Any, run: Run) -> Any:
    if run.empty_result:
        return impl.LLMResult(generations=[])
    if run.kind == "chat":
        message = impl.AIMessage(content=str(run.output)[:50])
        return impl.LLMResult(generations=[[impl.ChatGeneration(message=message)]])
    return impl.LLMResult(generations=[[impl.Generation(text=str(run.output)[:50])]])


def _retry_state() -> Any:
    try:
        import tenacity
    except ImportError:  # pragma: no cover - tenacity comes with langchain-core
        return {"attempt_number": 1}
    state = tenacity.RetryCallState(tenacity.Retrying(), fn=None, args=(), kwargs={})
    try:
        raise TimeoutError("attempt 1 timed out")
    except TimeoutError as error:
        state.set_exception((TimeoutError, error, error.__traceback__))
    return state


def _start(impl: Any, manager: Any, run: Run) -> tuple[str, Any]:  # manager None: source only
    """The start call of ``run`` on ``manager``: (source, callable returning its result)."""
    s = run.serialized
    if run.kind == "chain":
        return f"on_chain_start({s!r}, {_short(run.payload)})", lambda: manager.on_chain_start(
            s, run.payload
        )
    if run.kind == "tool":
        return f"on_tool_start({s!r}, {_short(run.payload)})", lambda: manager.on_tool_start(
            s, str(run.payload)
        )
    if run.kind == "retriever":
        return (
            f"on_retriever_start({s!r}, {_short(run.payload)})",
            lambda: manager.on_retriever_start(s, str(run.payload)),
        )
    prompts = [f"{run.payload}{i}" for i in range(run.prompts)]
    if run.kind == "llm":
        return f"on_llm_start({s!r}, {_short(prompts)})", lambda: manager.on_llm_start(
            s or {}, prompts
        )
    messages = [[impl.HumanMessage(content=p)] for p in prompts]
    source = f"on_chat_model_start({s!r}, [[HumanMessage(content=p)] for p in {_short(prompts)}])"
    return source, lambda: manager.on_chat_model_start(s or {}, messages)


def _body(impl: Any, run: Run) -> list[tuple[str, str, tuple[Any, ...]]]:
    """(method, source arguments, arguments) of the events inside ``run``, before its end."""
    calls: list[tuple[str, str, tuple[Any, ...]]] = []
    for i in range(run.tokens):
        calls.append(("on_llm_new_token", f"{f'tok{i}'!r}", (f"tok{i}",)))
    if run.text:
        calls.append(("on_text", repr("some text"), ("some text",)))
    if run.retry:
        calls.append(("on_retry", "retry_state()", (_retry_state(),)))
    if run.agent:
        action = impl.AgentAction(tool="search", tool_input=str(run.payload)[:20], log="")
        calls.append(
            ("on_agent_action", "AgentAction(tool='search', tool_input='...', log='')", (action,))
        )
    return calls


def _end(impl: Any, run: Run) -> tuple[str, str, Any]:
    if run.fails:
        method = {"llm": "on_llm_error", "chat": "on_llm_error"}.get(
            run.kind, f"on_{run.kind}_error"
        )
        return method, "ValueError('boom')", ValueError("boom")
    if run.kind == "chain":
        outputs = run.output if isinstance(run.output, dict) else {"output": run.output}
        return "on_chain_end", _short(outputs), outputs
    if run.kind == "tool":
        return "on_tool_end", _short(run.output), run.output
    if run.kind == "retriever":
        docs = [impl.Document(page_content=str(run.output)[:30])]
        return "on_retriever_end", "[Document(page_content='...')]", docs
    return "on_llm_end", "LLMResult(...)", _result(impl, run)


def drive(impl: Any, handler: Any, forest: Forest) -> list[str]:
    """Deliver ``forest`` through the binding's sync ``CallbackManager``; return the source."""
    return _deliver(impl, handler, forest, is_async=False).lines


async def adrive(impl: Any, handler: Any, forest: Forest) -> list[str]:
    """Deliver ``forest`` through the binding's ``AsyncCallbackManager``; return the source."""
    plan = _deliver(impl, handler, forest, is_async=True)
    for call in plan.calls:
        result = call()
        if hasattr(result, "__await__"):
            await result
    return plan.lines


class _Plan:
    """Calls to make, in order, with their source: built while the calls run (sync) or
    built first and awaited one by one (async)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.calls: list[Any] = []
        self.counter = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"


def _deliver(impl: Any, handler: Any, forest: Forest, *, is_async: bool) -> _Plan:
    """Deliver (sync) or plan (async) the events of ``forest``.

    The async plan cannot know run managers before their start is awaited,
    so each step looks its run manager up in ``made`` when it runs.
    """
    plan = _Plan()
    cls = impl.AsyncCallbackManager if is_async else impl.CallbackManager
    cls_name = cls.__name__ if hasattr(cls, "__name__") else "CallbackManager"
    aw = "await " if is_async else ""
    made: dict[str, Any] = {}

    def step(source: str, call: Any) -> None:
        plan.lines.append(source)
        if is_async:
            plan.calls.append(call)
        else:
            call()

    def awaited(value: Any) -> Any:
        return value

    first = "manager"
    plan.lines.append(
        f"{first} = {cls_name}(handlers=[])  # the handler is not given to the outer runs"
        if forest.detached
        else f"{first} = {cls_name}(handlers=[handler], inheritable_handlers=[handler])"
    )
    made[first] = (
        cls(handlers=[])
        if forest.detached
        else cls(handlers=[handler], inheritable_handlers=[handler])
    )

    def run_one(mname: str, run: Run, top: bool) -> None:
        source, _ = _start(impl, None, run)
        name = plan.name("run")
        many = run.kind in ("llm", "chat")
        target = f"{name}s" if many else name

        def start(mname: str = mname, run: Run = run, target: str = target) -> Any:
            _, call = _start(impl, made[mname], run)
            result = call()
            if is_async:
                return _store_later(result, made, target)
            made[target] = result
            return result

        step(f"{target} = {aw}{mname}.{source}", start)
        for index in range(run.prompts if many else 1):
            ref = f"{target}[{index}]" if many else target

            def rm(target: str = target, index: int = index) -> Any:
                value = made[target]
                return list(value)[index] if many else value

            for method, text, args in _body(impl, run):
                step(
                    f"{aw}{ref}.{method}({text})",
                    lambda rm=rm, method=method, args=args: getattr(rm(), method)(*args),
                )
            for child in run.children:
                cname = plan.name("child")
                if top and forest.detached:

                    def attach(cname: str = cname, rm: Any = rm) -> None:
                        made[cname] = cls(
                            handlers=[handler],
                            inheritable_handlers=[handler],
                            parent_run_id=rm().run_id,
                        )

                    plan.lines.append(
                        f"{cname} = {cls_name}(handlers=[handler], inheritable_handlers=[handler], "
                        f"parent_run_id={ref}.run_id)  # given to this inner step only"
                    )
                    (plan.calls.append(attach) if is_async else attach())
                else:

                    def child_of(cname: str = cname, rm: Any = rm) -> None:
                        made[cname] = rm().get_child()

                    plan.lines.append(f"{cname} = {ref}.get_child()")
                    (plan.calls.append(child_of) if is_async else child_of())
                run_one(cname, child, False)
            if run.custom:
                step(
                    f"{aw}{ref}.get_child().on_custom_event('progress', {{'step': 1}}, "
                    f"run_id={ref}.run_id)",
                    lambda rm=rm: (
                        rm()
                        .get_child()
                        .on_custom_event("progress", {"step": 1}, run_id=rm().run_id)
                    ),
                )
            if run.agent and not run.fails:
                finish = impl.AgentFinish(return_values={"output": "done"}, log="")
                step(
                    f"{aw}{ref}.on_agent_finish(AgentFinish(return_values={{'output': 'done'}}, "
                    "log=''))",
                    lambda rm=rm, finish=finish: rm().on_agent_finish(finish),
                )
            method, text, value = _end(impl, run)
            step(
                f"{aw}{ref}.{method}({text})",
                lambda rm=rm, method=method, value=value: getattr(rm(), method)(value),
            )

    for root in forest.roots:
        run_one(first, root, True)
    return plan


async def _store(awaitable: Any, made: dict[str, Any], target: str) -> Any:
    made[target] = value = await awaitable
    return value


def _store_later(result: Any, made: dict[str, Any], target: str) -> Any:
    return _store(result, made, target)


def render_script(lines: list[str], *, is_async: bool, binding: str, factory: str) -> str:
    """A runnable program replaying ``lines`` against a fresh handler."""
    module, _, attribute = factory.rpartition(":")
    head = [
        "import asyncio",
        f"from {binding} import (AgentAction, AgentFinish, AsyncCallbackManager, CallbackManager,",
        "    Document, HumanMessage, LLMResult)",
        "from conformance.streams import retry_state",
        f"from {module} import {attribute.split('.')[0]}",
        "",
        f"handler = {attribute}()",
        "",
    ]
    if is_async:
        body = ["async def main():", *(f"    {line}" for line in lines), "", "asyncio.run(main())"]
    else:
        body = ["def main():", *(f"    {line}" for line in lines), "", "main()"]
    return "\n".join(head + body)


def retry_state() -> Any:
    """A retry state as run managers pass to ``on_retry`` (used by printed scripts)."""
    return _retry_state()


def fresh_id() -> uuid.UUID:
    return uuid.uuid4()
