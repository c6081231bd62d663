"""Run ids a manager makes up: time-ordered UUIDs (RUN-05, a SHOULD).

Tracing backends sort runs, and read a run's time, from its id; that works
when fresh ids are version-7 UUIDs whose timestamp is the time they were
made and which increase in the order they were made.  The test makes ids
every way a manager makes them (model starts with several prompts, single
run starts, custom events, ``get_noop_manager``), in a drawn order, one after
another in one thread, and checks all three properties.
"""

from __future__ import annotations

import itertools
import time
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.suite.strategies import PROPERTY_SETTINGS, restart
from conformance.suite.support import SERIALIZED, Trace, call, start_args

#: The ways a manager makes up ids: (what is called, how many ids it makes).
_MAKERS = st.one_of(
    st.tuples(st.sampled_from(["on_llm_start", "on_chat_model_start"]), st.integers(1, 3)),
    st.tuples(
        st.sampled_from(
            ["on_chain_start", "on_tool_start", "on_retriever_start", "on_custom_event"]
        ),
        st.just(1),
    ),
    # a chain run's id, then its run manager class's get_noop_manager()'s
    st.just(("noop", 2)),
)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def _make_ids(impl: Any, manager: Any, trace: Trace, maker: str, count: int) -> list[uuid.UUID]:
    """Make ``count`` fresh ids through ``maker``; return them in the order made."""
    if maker == "on_custom_event":
        trace.clear()
        call(impl, manager, "on_custom_event", "progress", {"done": 1})
        return [e.args["run_id"] for e in trace]
    if maker == "noop":
        run_manager = call(impl, manager, "on_chain_start", SERIALIZED, {})
        return [run_manager.run_id, type(run_manager).get_noop_manager().run_id]
    args = start_args(impl, maker, prompts=count)
    started = call(impl, manager, maker, *args)
    return [r.run_id for r in started] if isinstance(started, list) else [started.run_id]


@pytest.mark.clause("RUN-05")
@PROPERTY_SETTINGS
@given(data=st.data())
def test_fresh_run_ids_are_version_7_and_increase_in_the_order_made(
    impl: Any, make_handler: Any, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    trace: Trace = request.getfixturevalue("trace")
    restart(trace)
    manager_class = data.draw(
        st.sampled_from([impl.CallbackManager, impl.AsyncCallbackManager]), label="manager class"
    )
    makers = data.draw(st.lists(_MAKERS, min_size=1, max_size=6), label="ids made by")
    manager = manager_class(handlers=[make_handler("h")])
    made: list[tuple[str, uuid.UUID, int, int]] = []  # (maker, id, ms before, ms after)
    for maker, count in makers:
        before = _now_ms()
        ids = _make_ids(impl, manager, trace, maker, count)
        after = _now_ms()
        assert len(ids) == count, f"{maker} made {len(ids)} ids, expected {count}"
        made.extend((maker, run_id, before, after) for run_id in ids)
    for maker, run_id, before, after in made:
        assert isinstance(run_id, uuid.UUID), f"{maker}: run id {run_id!r} is not a UUID"
        kind = (run_id.variant, run_id.version)
        assert kind == (uuid.RFC_4122, 7), (
            f"{maker}: expected a version-7 UUID (RFC 9562), observed version "
            f"{run_id.version} ({run_id})"
        )
        stamp = run_id.int >> 80  # the first 48 bits: unix time in milliseconds
        # One millisecond of slack each way: an id may borrow the next
        # millisecond when many are made within one.
        assert before - 1 <= stamp <= after + 1, (
            f"{maker}: the id's timestamp must be the time it was made: "
            f"{stamp} ms, made between {before} and {after} ms ({run_id})"
        )
    in_order = [run_id for _, run_id, _, _ in made]
    assert all(a < b for a, b in itertools.pairwise(in_order)), (
        "ids made one after another must increase: observed, in the order made, "
        + ", ".join(f"{maker}: {run_id}" for maker, run_id, _, _ in made)
    )
