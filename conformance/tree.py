"""``python -m conformance tree FILE``: the runs of an event log, drawn as a tree.

Each run is one line: its kind, its name (``kwargs.name``, else
``serialized.name``, else the last part of ``serialized.id``), its status
(``ok``, ``error: Type``, ``open``), the tokens it streamed and its tags::

    chain RunnableSequence  ok  [qa]
    ├── chat_model FakeChat  ok  3 tokens
    └── tool lookup  error: ToolException

Runs whose parent is not in the log are roots (a log may hold many).
Lifecycle problems (see :mod:`conformance.lifecycle`) are marked with ``!``
under the run they concern, with their line.  Lines are cut to ``--width``
columns (80 by default).  Lines that are not JSON objects naming a run are
counted and skipped: the tree is drawn from what can be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

import orjson

from conformance.lifecycle import ENDS, STARTS, LifecycleChecker

__all__ = ["draw_tree"]

_KIND_OF_START = {
    "on_llm_start": "llm",
    "on_chat_model_start": "chat_model",
    "on_chain_start": "chain",
    "on_tool_start": "tool",
    "on_retriever_start": "retriever",
}


@dataclass
class _Run:
    run_id: str
    kind: str = "?"
    name: str = ""
    status: str = "open"
    tokens: int = 0
    tags: list[str] = field(default_factory=list)
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _name(payload: dict[str, Any]) -> str:
    kwargs = payload.get("kwargs")
    if isinstance(kwargs, dict) and isinstance(kwargs.get("name"), str):
        return str(kwargs["name"])
    serialized = payload.get("serialized")
    if isinstance(serialized, dict):
        if isinstance(serialized.get("name"), str):
            return str(serialized["name"])
        ids = serialized.get("id")
        if isinstance(ids, list) and ids and isinstance(ids[-1], str):
            return str(ids[-1])
    return ""


def draw_tree(lines: Any, out: IO[str], *, width: int = 80) -> int:
    """Draw the runs of ``lines`` (an iterable of ``bytes`` lines) to ``out``; return
    the number of lifecycle problems found (warnings included)."""
    runs: dict[str, _Run] = {}
    order: list[str] = []
    checker = LifecycleChecker()
    skipped = problems = 0

    def run_of(run_id: str) -> _Run:
        run = runs.get(run_id)
        if run is None:
            run = runs[run_id] = _Run(run_id)
            order.append(run_id)
        return run

    for number, raw in enumerate(lines, 1):
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError:
            skipped += 1
            continue
        if not isinstance(payload, dict) or not isinstance(payload.get("run_id"), str):
            skipped += 1
            continue
        event = str(payload.get("event"))
        run_id = payload["run_id"]
        for problem in checker.feed(number, payload):
            run_of(run_id).notes.append(f"! line {number}: {problem.what}")
            problems += 1
        if event in STARTS:
            run = run_of(run_id)
            run.kind = _KIND_OF_START[event]
            run.name = _name(payload) or run.name
            tags = payload.get("tags")
            run.tags = [str(t) for t in tags] if isinstance(tags, list) else []
            parent = payload.get("parent_run_id")
            if isinstance(parent, str) and parent != run_id and run.parent is None:
                run.parent = parent
        elif event in ENDS:
            run = run_of(run_id)
            if run.kind == "?":  # its start is not in the log
                run.kind = ENDS[event]
            if event.endswith("_error"):
                error = payload.get("error")
                kind = error.get("type") if isinstance(error, dict) else None
                run.status = f"error: {kind}" if kind else "error"
            else:
                run.status = "ok"
        elif event == "on_llm_new_token":
            run_of(run_id).tokens += 1
    for problem in checker.finish():
        runs[problem.run_id].notes.append(f"! {problem.what}")
        problems += 1

    roots = []
    for run_id in order:
        run = runs[run_id]
        if run.parent is not None and run.parent in runs:
            runs[run.parent].children.append(run_id)
        else:
            roots.append(run_id)

    def line(text: str) -> None:
        out.write((text if len(text) <= width else text[: width - 1] + "…") + "\n")

    def draw(run_id: str, prefix: str, last: bool, root: bool) -> None:
        run = runs[run_id]
        branch = "" if root else ("└── " if last else "├── ")
        parts = [f"{run.kind} {run.name}".rstrip(), run.status]
        if run.tokens:
            parts.append(f"{run.tokens} token{'s' if run.tokens != 1 else ''}")
        if run.tags:
            parts.append("[" + ", ".join(run.tags) + "]")
        line(prefix + branch + "  ".join(parts))
        inner = prefix + ("" if root else ("    " if last else "│   "))
        for note in run.notes:
            line(inner + ("    " if not run.children else "│   ") + note)
        for i, child in enumerate(run.children):
            draw(child, inner, i == len(run.children) - 1, False)

    for run_id in roots:
        run = runs[run_id]
        if run.parent is not None:
            line(f"(parent {run.parent[:8]}… not in the log)")
        draw(run_id, "", True, True)
    summary = (
        f"{_count(len(runs), 'run')}, {_count(len(roots), 'root')}, "
        f"{_count(problems, 'lifecycle problem')}"
    )
    if skipped:
        summary += f", {skipped} lines skipped"
    line(summary)
    return problems


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"
