"""Hypothesis strategies shared by the property tests of the suite.

A strategy here draws a *description*: a frozen dataclass of plain values,
never an implementation object.  A test turns a :class:`HandlerSpec` into a
recording handler with ``make_handler``, a :class:`ManagerSpec` into a
manager, and a :class:`RunScript` into calls on run managers with
:func:`play`.  Descriptions print readably in a falsifying example, and a
test computes what it expects from the description alone, never from the
implementation under test.

The number of examples is never set here or in the tests: the hypothesis
profile decides it (``conformance/profiles.py``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import inspect
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from conformance.suite.support import (
    ALL_EVENTS,
    FLAG_OF,
    FLAGS,
    Trace,
    aresolve,
    as_code,
    drive,
    drive_calls,
    note,
    run_event_arg,
    start_args,
)

#: Settings of the suite's property tests.  The suite fixtures they take (the
#: binding, ``make_handler``, ``trace``) are function-scoped but hold no
#: per-example state once a test empties the trace (:func:`restart`), so
#: sharing them between examples is safe.  No ``max_examples``: the profile
#: decides.
PROPERTY_SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: :data:`PROPERTY_SETTINGS` without hypothesis's explain phase, for tests with
#: large examples (run trees, every event of a handler set).  On an
#: implementation that fails them, explaining which parts of the shrunk example
#: matter takes ten times as long as finding and shrinking it (25 s instead of
#: 2 s for the two ORDER-04 tests on a broken binding); the shrunk example and
#: the test's message already say what is wrong.  The profile's other phases
#: are kept.
QUICK_FAILURE_SETTINGS = settings(
    PROPERTY_SETTINGS, phases=[p for p in PROPERTY_SETTINGS.phases if p is not Phase.explain]
)


# --- handlers ------------------------------------------------------------------


class HandlerFailure(Exception):
    """What a recording handler raises from an event it is told to fail."""


@dataclass(frozen=True)
class HandlerSpec:
    """A recording handler, as the keyword arguments of ``make_handler``."""

    label: str
    is_async: bool = False
    ignore: frozenset[str] = frozenset()
    raise_error: bool = False
    run_inline: bool = False
    fail: frozenset[str] = frozenset()  # events the handler raises HandlerFailure from
    no_chat: bool = False  # on_chat_model_start left unimplemented

    def build(self, make_handler: Callable[..., Any]) -> Any:
        """The handler this spec describes (``make_handler`` is the suite fixture)."""
        return make_handler(
            self.label,
            is_async=self.is_async,
            ignore=self.ignore,
            raise_error=self.raise_error,
            run_inline=self.run_inline,
            fail={event: HandlerFailure(self.failure_message(event)) for event in self.fail},
            no_chat=self.no_chat,
        )

    def failure_message(self, event: str) -> str:
        """The message of the exception this handler raises from ``event``: unique per
        handler and event, so a test can find its log record."""
        return f"{self.label} fails in {event}"

    def receives(self, event: str) -> str | None:
        """The event this handler is called with when a manager dispatches ``event``.

        ``None`` when an ignore flag skips it (IGNORE-01; ``on_text`` has no flag,
        IGNORE-02).  A handler without ``on_chat_model_start`` gets ``on_llm_start``
        instead, unless it ignores chat models or LLMs (CHAT-01, CHAT-02).
        """
        if event == "on_chat_model_start" and self.no_chat:
            if self.ignore & {"ignore_chat_model", "ignore_llm"}:
                return None
            return "on_llm_start"
        flag = FLAG_OF[event]
        return None if flag is not None and flag in self.ignore else event

    def raises_from(self, event: str) -> bool:
        """Whether this handler raises when called with ``event`` (as :meth:`receives` says)."""
        return event in self.fail


def labels(specs: Sequence[HandlerSpec]) -> list[str]:
    return [spec.label for spec in specs]


def is_mixed_inline(specs: Sequence[HandlerSpec]) -> bool:
    """Both run_inline and other handlers are present."""
    return len({spec.run_inline for spec in specs}) == 2


# Strategies are built once, here: a strategy object built per draw is
# validated anew every time, which costs more than the test itself.


@functools.cache
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


_KINDS_OF_HANDLERS = st.sampled_from(("sync", "async", "mixed"))
_FAILING_EVENTS = st.frozensets(st.sampled_from(ALL_EVENTS), max_size=3)
_IGNORE_FLAGS = st.frozensets(st.sampled_from(FLAGS), max_size=2)
_BOOLEANS = st.booleans()


@st.composite
def handler_specs(
    draw: st.DrawFn,
    *,
    min_size: int = 1,
    max_size: int = 4,
    ignore_flags: bool = True,
    failures: bool = True,
    inline: bool = True,
    no_chat: bool = True,
) -> list[HandlerSpec]:
    """A list of handler specs labelled ``h0``, ``h1``, ... (registration order).

    Sync and async handlers: all of one kind or mixed, each case drawn often,
    because the order rules are simplest when all handlers are of one kind.
    Each feature can be turned off for a test that needs plain handlers.  A
    handler that fails some events never has ``raise_error``: its errors are
    logged and dispatch goes on (ERROR-01).  Propagation (ERROR-02) ends the
    caller's call and is tested by example elsewhere; ``raise_error`` alone,
    on a handler that never fails, must change nothing.
    """
    size = draw(_integers(min_size, max_size))
    kinds = draw(_KINDS_OF_HANDLERS)
    specs = []
    for index in range(size):
        is_async = kinds == "async" or (kinds == "mixed" and draw(_BOOLEANS))
        fail = draw(_FAILING_EVENTS) if failures else frozenset()
        specs.append(
            HandlerSpec(
                label=f"h{index}",
                is_async=is_async,
                ignore=draw(_IGNORE_FLAGS) if ignore_flags else frozenset(),
                raise_error=False if fail else draw(_BOOLEANS),
                run_inline=draw(_BOOLEANS) if inline else False,
                fail=fail,
                no_chat=draw(_BOOLEANS) if no_chat else False,
            )
        )
    return specs


# --- managers: handlers, tags and metadata split into local and inheritable --------

#: Tags a root manager may hold; disjoint from :data:`CHILD_TAGS`, so a
#: ``get_child`` tag never collides with an inherited one.
ROOT_TAGS = ("red", "green", "blue", "gold", "cyan")
#: Tags given to ``get_child``.
CHILD_TAGS = ("step-a", "step-b", "step-c")
#: Metadata keys ("lc_versions", which LangChain merges specially, is avoided).
METADATA_KEYS = ("alpha", "beta", "gamma", "delta")
#: A parent run id a root manager may have.
ROOT_PARENT = uuid.UUID(int=99)

_LOCAL, _INHERITABLE, _ABSENT = "local", "inheritable", "absent"
_PLACES = st.sampled_from((_LOCAL, _INHERITABLE, _ABSENT))
_TAG_ORDER = st.permutations(ROOT_TAGS)
_VALUES = st.integers(0, 3)


@dataclass(frozen=True)
class ManagerSpec:
    """A manager's constructor arguments; every inheritable item is also a plain one."""

    handlers: tuple[HandlerSpec, ...]
    inheritable: frozenset[str]  # labels of the handlers that are also inheritable
    tags: tuple[str, ...]
    inheritable_tags: tuple[str, ...]
    metadata: Mapping[str, int]
    inheritable_metadata: Mapping[str, int]
    parent_run_id: uuid.UUID | None

    @property
    def inheritable_handlers(self) -> tuple[HandlerSpec, ...]:
        return tuple(h for h in self.handlers if h.label in self.inheritable)

    def build(self, manager_class: Any, make_handler: Callable[..., Any]) -> Any:
        """A ``manager_class`` holding fresh handlers; fresh containers, never shared."""
        built = {spec.label: spec.build(make_handler) for spec in self.handlers}
        return manager_class(
            handlers=list(built.values()),
            inheritable_handlers=[built[spec.label] for spec in self.inheritable_handlers],
            parent_run_id=self.parent_run_id,
            tags=list(self.tags),
            inheritable_tags=list(self.inheritable_tags),
            metadata=dict(self.metadata),
            inheritable_metadata=dict(self.inheritable_metadata),
        )


@st.composite
def manager_specs(
    draw: st.DrawFn,
    handlers: st.SearchStrategy[list[HandlerSpec]],
    *,
    parents: Sequence[uuid.UUID | None] = (None, ROOT_PARENT),
) -> ManagerSpec:
    """Handlers, tags and metadata each placed local or inheritable (tags and keys may
    also be absent), tags in a random order, and a parent run id or none."""
    specs = draw(handlers)
    inheritable = frozenset(spec.label for spec in specs if draw(_BOOLEANS))
    tag_order = draw(_TAG_ORDER)
    tag_place = {tag: draw(_PLACES) for tag in ROOT_TAGS}
    key_place = {key: draw(_PLACES) for key in METADATA_KEYS}
    value = {key: draw(_VALUES) for key in METADATA_KEYS}
    return ManagerSpec(
        handlers=tuple(specs),
        inheritable=inheritable,
        tags=tuple(t for t in tag_order if tag_place[t] != _ABSENT),
        inheritable_tags=tuple(t for t in tag_order if tag_place[t] == _INHERITABLE),
        metadata={k: value[k] for k in METADATA_KEYS if key_place[k] != _ABSENT},
        inheritable_metadata={k: value[k] for k in METADATA_KEYS if key_place[k] == _INHERITABLE},
        parent_run_id=draw(st.sampled_from(list(parents))),
    )


# --- run trees and scripts of run-manager calls -------------------------------------

#: Start events of runs that offer ``get_child`` (chain, tool, retriever runs).
PARENT_KINDS = ("on_chain_start", "on_tool_start", "on_retriever_start")
_COMMON = ("on_text", "on_retry")  # every run manager offers these
#: Events a run manager of each kind of run may deliver between its start and its end.
INTERMEDIATE_EVENTS: dict[str, tuple[str, ...]] = {
    "on_llm_start": ("on_llm_new_token", *_COMMON),
    "on_chat_model_start": ("on_llm_new_token", *_COMMON),
    "on_chain_start": ("on_agent_action", "on_agent_finish", *_COMMON),
    "on_tool_start": _COMMON,
    "on_retriever_start": _COMMON,
}
#: The events that end each kind of run: its end and its error.
FINAL_EVENTS: dict[str, tuple[str, str]] = {
    "on_llm_start": ("on_llm_end", "on_llm_error"),
    "on_chat_model_start": ("on_llm_end", "on_llm_error"),
    "on_chain_start": ("on_chain_end", "on_chain_error"),
    "on_tool_start": ("on_tool_end", "on_tool_error"),
    "on_retriever_start": ("on_retriever_end", "on_retriever_error"),
}


#: Start events that open one run per prompt / message list.
MODEL_KINDS = ("on_llm_start", "on_chat_model_start")


@dataclass(frozen=True)
class RunNode:
    """One run of a tree: started by ``kind`` (a start event) from the root manager, or,
    below the root, from ``get_child(tag)`` of its parent's run manager.

    An LLM or chat model start may be given several prompts (message lists):
    it opens one run per prompt.  The node stands for the first prompt's run;
    ``batch`` holds the runs of the other prompts, opened by the same start
    call from the same manager, each with its own events.
    """

    label: str  # "r", "r.0", "r.0.1": the path from the root; "r.0#1": prompt 1 of r.0's start
    kind: str
    tag: str | None  # the get_child tag (None: get_child() without one; always None at the root)
    intermediate: tuple[str, ...]  # run-manager calls between start and end, in call order
    final: str  # the end or error event
    children: tuple[RunNode, ...] = ()
    batch: tuple[RunNode, ...] = ()  # the runs of the other prompts of a model start
    # Started from the child manager an earlier sibling was started from (its label),
    # not from a get_child() call of its own: one child manager shared by several runs,
    # as a chain that hands one get_child() to two tools does.
    shares_with: str | None = None

    @property
    def parent_label(self) -> str | None:
        parent, _, _ = self.label.rpartition(".")
        return parent or None

    @property
    def depth(self) -> int:
        return self.label.count(".")

    @property
    def opened(self) -> tuple[RunNode, ...]:
        """The runs this node's start call opens, in prompt order (itself first)."""
        return (self, *self.batch)

    def walk(self) -> Iterator[RunNode]:
        """This run, the other runs of its start call, and its descendants, parents before
        children."""
        yield from self.opened
        for child in self.children:
            yield from child.walk()

    def events(self) -> tuple[str, ...]:
        """The run's own calls in call order: start, intermediate events, end or error."""
        return (self.kind, *self.intermediate, self.final)


@dataclass(frozen=True)
class Call:
    """One call of a script: ``event`` on the run ``run`` (its start, or a run-manager method)."""

    run: str
    event: str


@dataclass(frozen=True)
class RunScript:
    """A run tree and an order of all its calls."""

    root: RunNode
    calls: tuple[Call, ...]
    nodes: Mapping[str, RunNode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "nodes", {node.label: node for node in self.root.walk()})

    def opened_by(self, call: Call) -> tuple[str, ...]:
        """The labels of the runs ``call`` opens (none unless it is a start call)."""
        node = self.nodes[call.run]
        return tuple(n.label for n in node.opened) if call.event == node.kind else ()

    def render(self) -> str:
        """The tree, one run per line, for failure messages."""
        lines = []
        for node in self.root.walk():
            tag = f" get_child({node.tag!r})" if node.tag else ""
            if node.shares_with:
                tag += f" (from {node.shares_with}'s child manager)"
            prompts = f" ({len(node.opened)} prompts, one run each)" if node.batch else ""
            lines.append(
                f"  {'  ' * node.depth}{node.label}: {' '.join(node.events())}{tag}{prompts}"
            )
        return "\n".join(lines)


# Trees are drawn by plain recursive functions from strategies built once
# (see above), not by one composite strategy per node.


@functools.cache
def _kind_strategy(kinds: tuple[str, ...]) -> st.SearchStrategy[str]:
    # Kinds that can have children are drawn more often than the others (about
    # four times in five): otherwise most trees would be a single run.
    parents = [k for k in kinds if k in PARENT_KINDS] or list(kinds)
    return st.one_of(st.sampled_from(parents), st.sampled_from(kinds))


@functools.cache
def _intermediate_strategy(kind: str, max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(INTERMEDIATE_EVENTS[kind]), max_size=max_size)


_FINAL = {kind: st.sampled_from(ends) for kind, ends in FINAL_EVENTS.items()}
#: How many prompts (message lists) an LLM or chat model start is given.
MAX_PROMPTS = 3
_CHILD_TAG: st.SearchStrategy[str | None] = st.one_of(st.none(), st.sampled_from(CHILD_TAGS))
_SHARE: st.SearchStrategy[bool] = st.booleans()


def _draw_tree(
    draw: st.DrawFn,
    kinds: tuple[str, ...],
    levels_left: int,
    max_children: int,
    max_intermediate: int,
    label: str,
    tag: str | None,
) -> RunNode:
    kind = draw(_kind_strategy(kinds))
    intermediate = tuple(draw(_intermediate_strategy(kind, max_intermediate)))
    final = draw(_FINAL[kind])
    batch: list[RunNode] = []
    if kind in MODEL_KINDS:
        # Each further prompt is a run of its own, with events of its own.
        for index in range(1, draw(_integers(1, MAX_PROMPTS))):
            batch.append(
                RunNode(
                    f"{label}#{index}",
                    kind,
                    tag,
                    tuple(draw(_intermediate_strategy(kind, max_intermediate))),
                    draw(_FINAL[kind]),
                )
            )
    children: list[RunNode] = []
    if kind in PARENT_KINDS and levels_left > 1:
        # A root that can have children has at least one: a lone run is what
        # most other tests already drive.
        fewest = 0 if "." in label else 1
        for index in range(draw(_integers(fewest, max_children))):
            shares: str | None = None
            share: bool = bool(children) and draw(_SHARE)
            if share:
                shares = children[-1].shares_with or children[-1].label
            # A shared child manager carries the tag of the get_child() call that made it.
            child_tag = children[-1].tag if shares else draw(_CHILD_TAG)
            child = _draw_tree(
                draw,
                kinds,
                levels_left - 1,
                max_children,
                max_intermediate,
                f"{label}.{index}",
                child_tag,
            )
            children.append(dataclasses.replace(child, shares_with=shares) if shares else child)
    return RunNode(label, kind, tag, intermediate, final, tuple(children), tuple(batch))


@st.composite
def run_trees(
    draw: st.DrawFn,
    *,
    kinds: Sequence[str] = tuple(INTERMEDIATE_EVENTS),
    max_depth: int = 4,
    max_children: int = 3,
    max_intermediate: int = 3,
) -> RunNode:
    """A tree of runs with at most ``max_depth`` levels (the root is level 1).

    Every start event kind in ``kinds`` may appear at any node; only chain, tool
    and retriever runs have children (LLM and chat model runs are leaves, and
    their start may be given up to :data:`MAX_PROMPTS` prompts, one run each).
    A child is started from its own ``get_child()`` call, with a tag or not, or
    from the child manager an earlier sibling was started from.
    """
    return _draw_tree(draw, tuple(kinds), max_depth, max_children, max_intermediate, "r", None)


def _merge(draw: st.DrawFn, queues: list[list[Call]]) -> list[Call]:
    merged: list[Call] = []
    while busy := [q for q in queues if q]:
        queue = busy[draw(_integers(0, len(busy) - 1))] if len(busy) > 1 else busy[0]
        merged.append(queue.pop(0))
    return merged


def _draw_interleaving(draw: st.DrawFn, node: RunNode) -> tuple[Call, ...]:
    start = Call(node.label, node.kind)
    if node.batch:
        # The runs of one multi-prompt start (leaves) go on independently: any of
        # them may end first.
        queues = [[Call(n.label, e) for e in (*n.intermediate, n.final)] for n in node.opened]
        return (start, *_merge(draw, queues))
    own = [Call(node.label, event) for event in node.intermediate]
    queues = [own, *(list(_draw_interleaving(draw, child)) for child in node.children)]
    return (start, *_merge(draw, queues), Call(node.label, node.final))


@st.composite
def interleavings(draw: st.DrawFn, node: RunNode) -> tuple[Call, ...]:
    """An order of every call of ``node``'s tree that a program could make.

    A run starts before its own events and its children's, and ends after
    them; between its start and its end, its own events and its children's
    whole call sequences interleave at random (sibling runs may overlap).
    The runs of one multi-prompt start begin together, with that one call,
    and their events interleave at random after it.
    """
    return _draw_interleaving(draw, node)


@st.composite
def run_scripts(
    draw: st.DrawFn, *, kinds: Sequence[str] = tuple(INTERMEDIATE_EVENTS), max_depth: int = 4
) -> RunScript:
    """A run tree (see :func:`run_trees`) with one of its call orders."""
    root = draw(run_trees(kinds=kinds, max_depth=max_depth))
    return RunScript(root, draw(interleavings(root)))


def start_kinds(manager_class: Any, impl: Any, specs: Sequence[HandlerSpec]) -> tuple[str, ...]:
    """The kinds of run a tree test may start with these handlers under this manager.

    All of them, except LLM runs under an AsyncCallbackManager holding both
    run_inline and other handlers: langchain-core 1.7 drops the other handlers'
    ``on_llm_start`` there (langchain-ai/langchain#39633, a known failure of
    ORDER-02, listed in ``conformance/data/langchain_core.xfail``).  Chat model
    runs are kept.  The dispatch tests go on checking that case by example.
    """
    kinds = tuple(INTERMEDIATE_EVENTS)
    if manager_class is impl.AsyncCallbackManager and is_mixed_inline(specs):
        return tuple(k for k in kinds if k != "on_llm_start")
    return kinds


# --- playing a script ------------------------------------------------------------------


@dataclass
class Played:
    """What playing a script produced: each run's run manager and id."""

    run_managers: dict[str, Any] = field(default_factory=dict)

    def run_id(self, label: str) -> Any:
        return self.run_managers[label].run_id

    def label_of(self) -> dict[Any, str]:
        """Run id -> run label."""
        return {rm.run_id: label for label, rm in self.run_managers.items()}


class _Player:
    def __init__(self, script: RunScript, manager: Any, impl: Any, steps: list[str] | None):
        self.script = script
        self.manager = manager
        self.impl = impl
        # The kind of manager decides whether calls are awaited, not its is_async (a
        # clause of its own, ASYNC-01): a wrong is_async must not fail this test too.
        self.is_async = isinstance(manager, impl.AsyncCallbackManager)
        self.steps = steps
        self.played = Played()
        # Child managers that several runs are started from, by the first run's label.
        self.shared = {n.shares_with for n in script.nodes.values() if n.shares_with}
        self.child_managers: dict[str, Any] = {}

    def invoke(self, call: Call) -> Any:
        """Make the call; return what the method returned (a coroutine under an async manager)."""
        node = self.script.nodes[call.run]
        if call.event == node.kind:
            parent = node.parent_label
            if parent is None:
                source, code = self.manager, "manager"
            else:
                # A shared child manager is made by whichever of its runs starts first.
                group = node.shares_with or node.label
                source = self.child_managers.get(group)
                if source is None:
                    parent_run = self.played.run_managers[parent]
                    tag = () if node.tag is None else (node.tag,)
                    source = parent_run.get_child(*tag)
                    code = f"{_variable(parent)}.get_child({', '.join(map(repr, tag))})"
                    if group in self.shared:
                        self.child_managers[group] = source
                        self._note(f"{_child_variable(group)} = {code}")
                if group in self.shared:
                    code = _child_variable(group)
            args = start_args(self.impl, call.event, prompts=len(node.opened))
            written = ", ".join(as_code(a, self.impl) for a in args)
            code = f"{self._await}{code}.{call.event}({written})"
            # LLM and chat model starts return one run manager per prompt.
            if call.event in MODEL_KINDS:
                names = ", ".join(_variable(n.label) for n in node.opened)
                self._note(f"[{names}] = {code}")
            else:
                self._note(f"{_variable(call.run)} = {code}")
            return getattr(source, call.event)(*args)
        argument = run_event_arg(self.impl, call.event)
        written = as_code(argument, self.impl)
        self._note(f"{self._await}{_variable(call.run)}.{call.event}({written})")
        return getattr(self.played.run_managers[call.run], call.event)(argument)

    def record(self, call: Call, result: Any) -> None:
        opened = self.script.opened_by(call)
        if not opened:
            return
        if call.event not in MODEL_KINDS:
            self.played.run_managers[call.run] = result
            return
        runs = list(result)
        assert len(runs) == len(opened), (
            f"{call.event} with {len(opened)} prompts must return one run manager per prompt; "
            f"observed {runs}"
        )
        self.played.run_managers.update(zip(opened, runs, strict=True))

    @property
    def _await(self) -> str:
        return "await " if self.is_async else ""

    def _note(self, line: str) -> None:
        if self.steps is not None:
            self.steps.append(line)


def _child_variable(label: str) -> str:
    """The name of the child manager run ``label`` was started from, when shared."""
    return "child_" + label.replace(".", "_")


def _variable(label: str) -> str:
    """The name a run's run manager has in reproduction steps ("r.0.1" -> "run_r_0_1",
    "r.0#1" -> "run_r_0_p1")."""
    return "run_" + label.replace(".", "_").replace("#", "_p")


def play(script: RunScript, manager: Any, impl: Any, steps: list[str] | None = None) -> Played:
    """Make every call of ``script``, in order, starting the root run from ``manager``.

    Under an async manager all calls are awaited one after the other in one
    event loop (one ``asyncio.run`` per script keeps examples cheap); under a
    sync manager they are plain calls with no loop running.  With ``steps``
    (a trace's reproduction steps) every call is also written there as code.
    """
    player = _Player(script, manager, impl, steps)
    if steps is not None:
        note(manager, impl)  # how the root manager was built
    if player.is_async:

        async def main() -> None:
            for call in script.calls:
                result = player.invoke(call)
                player.record(call, await result if inspect.isawaitable(result) else result)

        asyncio.run(main())
    else:
        for call in script.calls:
            player.record(call, player.invoke(call))
    return player.played


def drive_events(
    manager: Any,
    impl: Any,
    events: Sequence[str],
    around: Callable[[str], AbstractContextManager[object]],
) -> None:
    """Drive each of ``events`` through ``manager`` as :func:`~conformance.suite.support.drive`
    does, one after the other, each inside ``around(event)`` (a test resets its trace on
    entry and checks what was delivered on exit).

    The calls are ``drive``'s own (:func:`~conformance.suite.support.drive_calls`).
    Under an async manager they are all awaited in one event loop, not one
    loop per call as ``drive`` does: an example that drives every event then
    costs a few milliseconds instead of a hundred.
    """
    if not isinstance(manager, impl.AsyncCallbackManager):  # not is_async: see _Player
        for event in events:
            with around(event):
                drive(manager, impl, event)
        return

    async def main() -> None:
        for event in events:
            with around(event):
                await aresolve(drive_calls(manager, impl, event))

    asyncio.run(main())


def restart(trace: Trace) -> None:
    """Empty ``trace`` and its reproduction steps: a new hypothesis example begins.

    The suite's ``trace`` fixture lives as long as the test function, across
    all its examples; a failure must show only the failing example's events
    and steps.
    """
    trace.clear()
    trace.steps.clear()
