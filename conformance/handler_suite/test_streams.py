"""HROBUST and HISOL: every legal stream, delivered through the managers, is survived and
left as it was given.  Streams are generated (hypothesis shrinks a failing one) and the
edge cases every handler meets in production are also delivered one by one."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from conformance.handler_binding import HandlerFactory
from conformance.handler_suite.support import deliver, explain, probe
from conformance.streams import Forest, Run, _Opaque, forests


@pytest.mark.clause("HROBUST-01")
@pytest.mark.parametrize("manager", ["sync", "async"])
@given(forest=forests())
def test_no_event_method_raises_on_generated_streams(
    impl: Any, factory: HandlerFactory, manager: str, forest: Forest
) -> None:
    handler, watch = probe(factory, check_inputs=False)
    lines = deliver(impl, handler, forest, manager)
    raised = watch.failures("raised")
    assert not raised, explain(raised, lines, manager, impl, factory)


def _run(kind: str, **fields: Any) -> Run:
    base: dict[str, Any] = {
        "serialized": {"name": kind},
        "payload": "q",
        "output": "out",
        "fails": False,
    }
    base.update(fields)
    return Run(kind, **base)


EDGES = {
    # A handler given to an inner step only: the parent run id was never delivered to it.
    "parent-never-delivered": Forest(
        [_run("chain", children=[_run("chain", children=[_run("llm", tokens=2)]), _run("tool")])],
        detached=True,
    ),
    "serialized-none": Forest(
        [
            _run(
                "chain",
                serialized=None,
                children=[_run("tool", serialized=None), _run("retriever", serialized=None)],
            )
        ],
        detached=False,
    ),
    "no-generations": Forest(
        [_run("llm", empty_result=True), _run("chat", empty_result=True, tokens=1)],
        detached=False,
    ),
    # A chat model run: a handler ignoring chat models still gets its tokens and end.
    "chat-run-events": Forest([_run("chat", tokens=3, prompts=2, retry=True)], detached=False),
    "objects-that-are-not-json": Forest(
        [
            _run(
                "chain",
                payload={"client": _Opaque(), "raw": b"\x00\xff"},
                output=_Opaque(),
                children=[_run("tool", output=_Opaque())],
            )
        ],
        detached=False,
    ),
    "empty-strings": Forest(
        [
            _run(
                "chain",
                payload={},
                output="",
                children=[_run("tool", payload="", output=""), _run("llm", payload="")],
            )
        ],
        detached=False,
    ),
    "long-and-non-ascii-strings": Forest(
        [
            _run(
                "chain",
                payload={"q": "日本語 " * 2000},
                output="🦜" * 5000,
                children=[_run("llm", payload="é" * 10000, tokens=1)],
            )
        ],
        detached=False,
    ),
    "errors-at-every-level": Forest(
        [
            _run(
                "chain",
                fails=True,
                children=[
                    _run(
                        "tool",
                        fails=True,
                        children=[_run("retriever", fails=True), _run("chat", fails=True)],
                    )
                ],
            )
        ],
        detached=False,
    ),
    "agent-steps": Forest(
        [_run("chain", agent=True, custom=True, text=True, children=[_run("tool")])],
        detached=False,
    ),
}


@pytest.mark.clause("HROBUST-02")
@pytest.mark.parametrize("manager", ["sync", "async"])
@pytest.mark.parametrize("edge", list(EDGES))
def test_no_event_method_raises_on_the_edge_streams(
    impl: Any, factory: HandlerFactory, manager: str, edge: str
) -> None:
    handler, watch = probe(factory, check_inputs=False)
    lines = deliver(impl, handler, EDGES[edge], manager)
    raised = watch.failures("raised")
    assert not raised, f"edge case {edge!r}: " + explain(raised, lines, manager, impl, factory)


@pytest.mark.clause("HISOL-01")
@pytest.mark.parametrize("manager", ["sync", "async"])
@given(forest=forests())
def test_the_handler_leaves_what_it_receives_unchanged(
    impl: Any, factory: HandlerFactory, manager: str, forest: Forest
) -> None:
    handler, watch = probe(factory)
    lines = deliver(impl, handler, forest, manager)
    changed = watch.failures("changed its input")
    assert not changed, explain(changed, lines, manager, impl, factory)
