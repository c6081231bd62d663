"""The run lifecycle of an event log, checked as the log streams by.

Schemas check each event alone; :class:`LifecycleChecker` checks what lies
between the events: the life of every run.  Feed it each event in log order
(:meth:`LifecycleChecker.feed`, with its line number) and call
:meth:`LifecycleChecker.finish` after the last one.  Both return the problems
found, as :class:`LifecycleProblem` values that print as::

    line 9: on_chain_end: run 0f1e...: already ended by on_chain_error at line 7

The rules (README.md, "Recording and validating events"):

* a run starts once, with the start event of its kind (``on_llm_start`` and
  ``on_chat_model_start`` start model runs; chain, tool and retriever runs
  have their own start);
* it ends at most once, with the end or the error event of its own kind;
* its tokens (model runs), agent actions and finishes (chain runs), text,
  retries and custom events come while it is open, and nothing comes after
  it ended;
* a run id is never used again for another run;
* a run whose parent is in the log starts while the parent is open, and
  (a SHOULD, reported as a warning) ends before the parent does;
* a parent that is not in the log is legal: a handler attached only to an
  inner step never sees the outer runs;
* every run that started has ended by the end of the log.

A log that is a window of a longer stream (``window=True``) may hold events
of runs whose start came before it and runs still open after it: neither is
reported then.

Memory: the open runs are kept whole; of the runs that ended, only the most
recent :data:`ENDED_MEMORY` are remembered (id, kind and two line numbers),
so memory is bounded by the runs open at once plus that constant, whatever
the log's length.  An event for a run that ended longer ago than that is
taken as an event of an unknown run.
"""

from __future__ import annotations

from collections import deque
from typing import Any, NamedTuple

__all__ = ["ENDED_MEMORY", "LifecycleChecker", "LifecycleProblem"]

#: How many ended runs are remembered to catch late events and reused ids.
ENDED_MEMORY = 100_000

#: start event -> kind of run it starts
STARTS = {
    "on_llm_start": "model",
    "on_chat_model_start": "model",
    "on_chain_start": "chain",
    "on_tool_start": "tool",
    "on_retriever_start": "retriever",
}
#: end or error event -> kind of run it ends
ENDS = {
    "on_llm_end": "model",
    "on_llm_error": "model",
    "on_chain_end": "chain",
    "on_chain_error": "chain",
    "on_tool_end": "tool",
    "on_tool_error": "tool",
    "on_retriever_end": "retriever",
    "on_retriever_error": "retriever",
}
#: event delivered inside a run -> the kind of run it belongs to (None: any kind)
DURING: dict[str, str | None] = {
    "on_llm_new_token": "model",
    "on_agent_action": "chain",
    "on_agent_finish": "chain",
    "on_text": None,
    "on_retry": None,
    "on_custom_event": None,
}


class LifecycleProblem(NamedTuple):
    """One lifecycle problem, at the line of the event that shows it."""

    line: int
    event: str
    run_id: str
    what: str
    warning: bool = False  # a SHOULD rule: printed, does not make the log invalid

    def __str__(self) -> str:
        tag = "warning: " if self.warning else ""
        return f"line {self.line}: {self.event}: run {self.run_id}: {tag}{self.what}"


class _Open:
    """A run that started and has not ended (slots: this is the per-run memory)."""

    __slots__ = ("children", "kind", "line", "parent", "start_event")

    def __init__(self, kind: str, start_event: str, line: int, parent: str | None) -> None:
        self.kind = kind
        self.start_event = start_event
        self.line = line
        self.parent = parent
        self.children: set[str] | None = None  # open child runs, made on the first one


class _Ended(NamedTuple):
    kind: str
    start_line: int | None  # None: its start was not in the log
    end_line: int
    end_event: str


class LifecycleChecker:
    """A streaming checker of run lifecycles; see the module documentation."""

    def __init__(self, *, window: bool = False, ended_memory: int = ENDED_MEMORY) -> None:
        self.window = window
        self._open: dict[str, _Open] = {}
        self._ended: dict[str, _Ended] = {}
        self._ended_order: deque[str] = deque()  # oldest first, to forget beyond the memory
        self._ended_memory = ended_memory
        self._last_line = 0

    # --- the core loop: one event at a time ------------------------------------

    def feed(self, line: int, payload: Any) -> list[LifecycleProblem]:
        """Take the event on ``line``; return the problems it shows (usually none).

        Payloads that do not name a known event and a string ``run_id`` are
        ignored here: the schema check reports them.  The common cases (a
        start under an open parent or at the root, an end of an open run
        without open children, an event inside an open run) are handled
        inline; everything else goes to the rule methods below.
        """
        self._last_line = line
        if type(payload) is not dict:
            return _NONE
        event = payload.get("event")
        run_id = payload.get("run_id")
        if type(run_id) is not str:
            return _NONE
        kind = STARTS.get(event)  # type: ignore[arg-type]
        if kind is not None:
            parent = payload.get("parent_run_id")
            if run_id in self._open or run_id in self._ended or type(parent) is not str:
                return self._start(line, event, run_id, parent if type(parent) is str else None)  # type: ignore[arg-type]
            owner = self._open.get(parent)
            if owner is None:
                return self._start(line, event, run_id, parent)  # type: ignore[arg-type]
            if owner.children is None:
                owner.children = {run_id}
            else:
                owner.children.add(run_id)
            self._open[run_id] = _Open(kind, event, line, parent)  # type: ignore[arg-type]
            return _NONE
        kind = ENDS.get(event)  # type: ignore[arg-type]
        if kind is not None:
            run = self._open.get(run_id)
            if run is None or run.kind != kind or run.children:
                return self._end(line, event, run_id)  # type: ignore[arg-type]
            del self._open[run_id]
            if run.parent is not None:
                owner = self._open.get(run.parent)
                if owner is not None and owner.children is not None:
                    owner.children.discard(run_id)
            self._remember(run_id, _Ended(kind, run.line, line, event))  # type: ignore[arg-type]
            return _NONE
        if event in DURING:
            run = self._open.get(run_id)
            wanted = DURING[event]
            if run is not None and (wanted is None or run.kind == wanted):
                return _NONE
            return self._during(line, event, run_id)
        return _NONE

    def finish(self) -> list[LifecycleProblem]:
        """The runs still open after the last line (none reported for a window)."""
        if self.window:
            return []
        last = self._last_line
        return [
            LifecycleProblem(
                run.line, run.start_event, run_id, f"never ended (the log ends at line {last})"
            )
            for run_id, run in self._open.items()
        ]

    @property
    def open_runs(self) -> int:
        return len(self._open)

    # --- the rules ---------------------------------------------------------------

    def _start(
        self, line: int, event: str, run_id: str, parent: str | None
    ) -> list[LifecycleProblem]:
        problems = []
        running = self._open.get(run_id)
        if running is not None:
            return [
                LifecycleProblem(
                    line,
                    event,
                    run_id,
                    f"started again while open (started at line {running.line})",
                )
            ]
        ended = self._ended.get(run_id)
        if ended is not None:
            if ended.start_line is None:
                what = f"starts after it ended by {ended.end_event} at line {ended.end_line}"
            else:
                what = (
                    f"run id reused: a run with this id started at line {ended.start_line} "
                    f"and ended at line {ended.end_line}"
                )
            problems.append(LifecycleProblem(line, event, run_id, what))
        if parent is not None and parent != run_id:
            owner = self._open.get(parent)
            if owner is not None:
                if owner.children is None:
                    owner.children = set()
                owner.children.add(run_id)
            else:
                gone = self._ended.get(parent)
                if gone is not None:
                    what = (
                        f"starts after its parent {parent} ended "
                        f"({gone.end_event} at line {gone.end_line})"
                    )
                    problems.append(LifecycleProblem(line, event, run_id, what))
        self._open[run_id] = _Open(STARTS[event], event, line, parent)
        return problems

    def _end(self, line: int, event: str, run_id: str) -> list[LifecycleProblem]:
        kind = ENDS[event]
        run = self._open.pop(run_id, None)
        if run is None:
            ended = self._ended.get(run_id)
            if ended is not None:
                what = f"already ended by {ended.end_event} at line {ended.end_line}"
                return [LifecycleProblem(line, event, run_id, what)]
            self._remember(run_id, _Ended(kind, None, line, event))
            if self.window:
                return []
            return [LifecycleProblem(line, event, run_id, "ends a run that never started")]
        problems = []
        if run.kind != kind:
            what = (
                f"ends a {run.kind} run ({run.start_event} at line {run.line}) with a {kind} event"
            )
            problems.append(LifecycleProblem(line, event, run_id, what))
        for child in sorted(run.children or ()):
            still = self._open.get(child)
            if still is not None and still.parent == run_id:
                what = f"ends while its child run {child} is open (started at line {still.line})"
                problems.append(LifecycleProblem(line, event, run_id, what, warning=True))
        owner = self._open.get(run.parent) if run.parent is not None else None
        if owner is not None and owner.children is not None:
            owner.children.discard(run_id)
        self._remember(run_id, _Ended(run.kind, run.line, line, event))
        return problems

    def _during(self, line: int, event: str, run_id: str) -> list[LifecycleProblem]:
        run = self._open.get(run_id)
        if run is not None:
            what = (
                f"belongs to a {DURING[event]} run, but run {run_id} is a {run.kind} run "
                f"({run.start_event} at line {run.line})"
            )
            return [LifecycleProblem(line, event, run_id, what)]
        ended = self._ended.get(run_id)
        if ended is not None:
            what = f"comes after the run ended ({ended.end_event} at line {ended.end_line})"
            return [LifecycleProblem(line, event, run_id, what)]
        if self.window or event == "on_custom_event":
            return []  # a custom event may name a run id of its own
        return [LifecycleProblem(line, event, run_id, "belongs to a run that never started")]

    def _remember(self, run_id: str, ended: _Ended) -> None:
        self._ended[run_id] = ended
        self._ended_order.append(run_id)
        if len(self._ended_order) > self._ended_memory:
            self._ended.pop(self._ended_order.popleft(), None)


#: what feed returns when all is well (never mutated)
_NONE: list[LifecycleProblem] = []
