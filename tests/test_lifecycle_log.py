"""Run-lifecycle checks of ``python -m conformance validate``: each violation reported at its
line, real and generated logs accepted, memory bounded by the runs open at once."""

from __future__ import annotations

import asyncio
import io
import json
import random
import re
import threading
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reference
from conformance.encoding import EVENT_NAMES, to_json_line
from conformance.lifecycle import LifecycleChecker
from conformance.recorder import EventRecorder
from conformance.schemas import example
from conformance.validate import validate_stream

PROBLEM = re.compile(r"^line (\d+): (on_\w+): run ([0-9a-f-]{36}): (.+)$")


def event(name: str, run: str, parent: str | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(json.dumps(example(name)))
    payload["run_id"] = run
    if "parent_run_id" in payload:
        payload["parent_run_id"] = parent
    return payload


def check(events: list[dict[str, Any]], **options: Any) -> tuple[list[str], str]:
    text = "".join(to_json_line(e) + "\n" for e in events)
    out = io.StringIO()
    summary = validate_stream(io.BytesIO(text.encode()), out, **options)
    return out.getvalue().splitlines(), summary.line()


def ids(n: int) -> list[str]:
    return [str(uuid.UUID(int=i + 1)) for i in range(n)]


ROOT, CHILD, OTHER = ids(3)


def base() -> list[dict[str, Any]]:
    """A valid little log: a chain with a model child that streams two tokens."""
    return [
        event("on_chain_start", ROOT),  # line 1
        event("on_llm_start", CHILD, ROOT),  # 2
        event("on_llm_new_token", CHILD, ROOT),  # 3
        event("on_llm_new_token", CHILD, ROOT),  # 4
        event("on_llm_end", CHILD, ROOT),  # 5
        event("on_text", ROOT),  # 6
        event("on_chain_end", ROOT),  # 7
    ]


def test_the_base_log_is_valid() -> None:
    assert check(base()) == ([], "7 events, 0 invalid")


# Each of the eight violations the issue lists, with the line and words that must be reported.
VIOLATIONS = {
    "run never ends": (lambda log: log[:6], 1, "never ended (the log ends at line 6)"),
    "end delivered twice": (
        lambda log: [*log[:5], event("on_llm_end", CHILD, ROOT), *log[5:]],
        6,
        "already ended by on_llm_end at line 5",
    ),
    "token after its run ended": (
        lambda log: [*log[:5], event("on_llm_new_token", CHILD, ROOT), *log[5:]],
        6,
        "comes after the run ended (on_llm_end at line 5)",
    ),
    "run id reused": (
        lambda log: [*log, event("on_tool_start", CHILD), event("on_tool_end", CHILD)],
        8,
        "run id reused: a run with this id started at line 2 and ended at line 5",
    ),
    "end before its start": (
        lambda log: [log[0], log[4], log[1], *log[5:]],
        2,
        "ends a run that never started",
    ),
    "both an error and an end": (
        lambda log: [*log[:5], event("on_llm_error", CHILD, ROOT), *log[5:]],
        6,
        "already ended by on_llm_end at line 5",
    ),
    "event after the run finished": (
        lambda log: [*log, event("on_text", ROOT)],
        8,
        "comes after the run ended (on_chain_end at line 7)",
    ),
    "child starts after its parent ended": (
        lambda log: [*log, event("on_retriever_start", OTHER, ROOT)],
        8,
        f"starts after its parent {ROOT} ended (on_chain_end at line 7)",
    ),
}


@pytest.mark.parametrize("case", list(VIOLATIONS))
def test_each_violation_is_reported_at_its_line(case: str) -> None:
    mutate, line, words = VIOLATIONS[case]
    problems, summary = check(mutate(base()))
    assert problems, f"{case}: not reported"
    found = [PROBLEM.match(p) for p in problems]
    assert all(found), problems
    assert any(int(m[1]) == line and words in m[4] for m in found if m), (case, problems)
    assert "0 invalid" not in summary or "never ended" in summary


def test_an_end_of_another_kind_and_a_token_in_a_chain_run_are_reported() -> None:
    log = base()
    log[4] = event("on_chain_end", CHILD, ROOT)
    log.insert(1, event("on_llm_new_token", ROOT))
    problems, _ = check(log)
    assert any(p.startswith("line 2: on_llm_new_token") and "model run" in p for p in problems)
    assert any(p.startswith("line 6: on_chain_end") and "ends a model run" in p for p in problems)


def test_a_parent_outside_the_log_is_legal() -> None:
    # A handler attached only to an inner step: its runs name a parent it never saw.
    outer = str(uuid.uuid4())
    log = [
        event("on_tool_start", CHILD, outer),
        event("on_text", CHILD, outer),
        event("on_tool_end", CHILD, outer),
    ]
    assert check(log) == ([], "3 events, 0 invalid")


def test_a_parent_ending_before_its_child_is_a_warning_only() -> None:
    log = [base()[0], base()[1], event("on_chain_end", ROOT), event("on_llm_end", CHILD, ROOT)]
    problems, summary = check(log)
    assert problems == [
        f"line 3: on_chain_end: run {ROOT}: warning: ends while its child run {CHILD} is open "
        "(started at line 2)"
    ]
    assert summary == "4 events, 0 invalid, 1 warning"


def test_a_window_tolerates_runs_cut_at_either_edge() -> None:
    log = [*base()[2:5], event("on_chain_start", OTHER)]  # tokens and end of an earlier start
    assert check(log, window=True) == ([], "4 events, 0 invalid")
    problems, summary = check(log)
    assert summary == "4 events, 3 invalid, 1 run never ended"
    assert len(problems) == 4


def test_lifecycle_checks_can_be_turned_off() -> None:
    assert check(base()[:6], lifecycle=False) == ([], "6 events, 0 invalid")


def test_memory_is_bounded_by_the_runs_open_at_once() -> None:
    checker = LifecycleChecker(ended_memory=100)
    line = 0
    for _ in range(5_000):
        root, child = str(uuid.uuid4()), str(uuid.uuid4())
        for payload in (
            event("on_chain_start", root),
            event("on_tool_start", child, root),
            event("on_tool_end", child, root),
            event("on_chain_end", root),
        ):
            line += 1
            assert checker.feed(line, payload) == []
    assert checker.open_runs == 0
    assert len(checker._ended) <= 100
    assert len(checker._ended_order) <= 100
    assert checker.finish() == []


# --- logs recorded from managers: generated run trees, sync and async, concurrent ---------

STARTS = {
    "chain": "on_chain_start",
    "tool": "on_tool_start",
    "retriever": "on_retriever_start",
    "llm": "on_llm_start",
    "chat": "on_chat_model_start",
}


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(["chain", "tool", "retriever", "llm", "chat"] if depth else ["chain"])
    )
    children = []
    if kind in ("chain", "tool") and depth < 3:
        children = draw(st.lists(trees(depth + 1), max_size=3))
    return {"kind": kind, "fail": draw(st.booleans()), "children": children}


def run_tree(manager: Any, tree: dict[str, Any]) -> None:
    """Drive the reference's run managers through one tree, synchronously."""
    kind = tree["kind"]
    if kind == "chain":
        rm = manager.on_chain_start({"name": "c"}, {"q": 1})
    elif kind == "tool":
        rm = manager.on_tool_start({"name": "t"}, "x")
    elif kind == "retriever":
        rm = manager.on_retriever_start({"name": "r"}, "q")
    elif kind == "llm":
        rm = manager.on_llm_start({"name": "l"}, ["p"])[0]
    else:
        rm = manager.on_chat_model_start({"name": "m"}, [[reference.HumanMessage(content="hi")]])[0]
    if kind in ("llm", "chat"):
        rm.on_llm_new_token("a")
    rm.on_text("t")
    for child in tree["children"]:
        run_tree(rm.get_child(), child)
    error = ValueError("x")
    if kind == "chain":
        rm.on_agent_action(reference.AgentAction(tool="t", tool_input="i", log="l"))
        rm.on_chain_error(error) if tree["fail"] else rm.on_chain_end({"a": 1})
    elif kind == "tool":
        rm.on_tool_error(error) if tree["fail"] else rm.on_tool_end("out")
    elif kind == "retriever":
        rm.on_retriever_error(error) if tree["fail"] else rm.on_retriever_end([])
    elif tree["fail"]:
        rm.on_llm_error(error)
    else:
        rm.on_llm_end(reference.LLMResult(generations=[[reference.Generation(text="x")]]))


async def arun_tree(manager: Any, tree: dict[str, Any]) -> None:
    kind = tree["kind"]
    if kind == "chain":
        rm = await manager.on_chain_start({"name": "c"}, {"q": 1})
    elif kind == "tool":
        rm = await manager.on_tool_start({"name": "t"}, "x")
    elif kind == "retriever":
        rm = await manager.on_retriever_start({"name": "r"}, "q")
    elif kind == "llm":
        rm = (await manager.on_llm_start({"name": "l"}, ["p"]))[0]
    else:
        messages = [[reference.HumanMessage(content="hi")]]
        rm = (await manager.on_chat_model_start({"name": "m"}, messages))[0]
    if kind in ("llm", "chat"):
        await rm.on_llm_new_token("a")
    await rm.on_text("t")
    await asyncio.gather(*(arun_tree(rm.get_child(), c) for c in tree["children"]))
    error = ValueError("x")
    if kind == "chain":
        await (rm.on_chain_error(error) if tree["fail"] else rm.on_chain_end({"a": 1}))
    elif kind == "tool":
        await (rm.on_tool_error(error) if tree["fail"] else rm.on_tool_end("out"))
    elif kind == "retriever":
        await (rm.on_retriever_error(error) if tree["fail"] else rm.on_retriever_end([]))
    elif tree["fail"]:
        await rm.on_llm_error(error)
    else:
        await rm.on_llm_end(reference.LLMResult(generations=[[reference.Generation(text="x")]]))


def record_forest(forest: list[dict[str, Any]], mode: str) -> list[dict[str, Any]]:
    recorder = EventRecorder()
    if mode == "sync":
        for tree in forest:
            run_tree(reference.CallbackManager(handlers=[recorder]), tree)
    elif mode == "threads":
        threads = [
            threading.Thread(
                target=run_tree, args=(reference.CallbackManager(handlers=[recorder]), tree)
            )
            for tree in forest
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:

        async def main() -> None:
            await asyncio.gather(
                *(arun_tree(reference.AsyncCallbackManager(handlers=[recorder]), t) for t in forest)
            )

        asyncio.run(main())
    return recorder.events


@settings(deadline=None)
@given(
    forest=st.lists(trees(), min_size=1, max_size=4),
    mode=st.sampled_from(["sync", "threads", "async"]),
)
def test_logs_recorded_from_the_managers_pass(forest: list[dict[str, Any]], mode: str) -> None:
    events = record_forest(forest, mode)
    problems, summary = check(events)
    assert problems == [], problems
    assert summary == f"{len(events)} events, 0 invalid"


def mutations(events: list[dict[str, Any]], rng: random.Random) -> list[tuple[str, list[Any], int]]:
    """(name, mutated log, line that must be reported) for each way a log can go wrong."""
    found = []
    ends = [i for i, e in enumerate(events) if e["event"] in _ENDS]
    starts = [i for i, e in enumerate(events) if e["event"] in STARTS.values()]
    i = rng.choice(ends)
    found.append(("end twice", [*events[: i + 1], events[i], *events[i + 1 :]], i + 2))
    found.append(("end dropped", events[:i] + events[i + 1 :], _start_line(events, events[i])))
    j = rng.choice(starts)
    again = dict(events[j])
    found.append(("id reused", [*events, again], len(events) + 1))
    found.append(("text after end", [*events, _as_text(events[i])], len(events) + 1))
    return found


_ENDS = {e for e in EVENT_NAMES if e.endswith(("_end", "_error"))}


def _start_line(events: list[dict[str, Any]], end: dict[str, Any]) -> int:
    return next(n for n, e in enumerate(events, 1) if e["run_id"] == end["run_id"])


def _as_text(ended: dict[str, Any]) -> dict[str, Any]:
    return event("on_text", ended["run_id"], ended.get("parent_run_id"))


@settings(deadline=None)
@given(
    forest=st.lists(trees(), min_size=1, max_size=3),
    mode=st.sampled_from(["sync", "async"]),
    seed=st.integers(0, 2**16),
)
def test_mutated_logs_are_reported_at_the_right_line(
    forest: list[dict[str, Any]], mode: str, seed: int
) -> None:
    events = record_forest(forest, mode)
    for name, log, line in mutations(events, random.Random(seed)):
        problems, _ = check(log)
        lines = [int(m[1]) for p in problems if (m := PROBLEM.match(p))]
        assert line in lines, (name, line, problems)


@given(
    st.lists(st.one_of(st.binary(max_size=40), st.sampled_from([b"{", b"[]", b"{}"])), max_size=20)
)
def test_no_input_makes_the_lifecycle_check_raise(lines: list[bytes]) -> None:
    events = [to_json_line(event(e, str(uuid.UUID(int=i % 3)))) for i, e in enumerate(EVENT_NAMES)]
    data = b"\n".join([*(e.encode() for e in events[:5]), *lines])
    summary = validate_stream(io.BytesIO(data), io.StringIO())
    assert summary.events >= 5
