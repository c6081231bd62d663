"""Token usage: UsageMetadataCallbackHandler and get_usage_metadata_callback."""

from __future__ import annotations

import copy
import gc
import sys
import threading
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.suite.support import run

Usage = dict[str, Any]

SMALL = {"input_tokens": 3, "output_tokens": 4, "total_tokens": 7}
DETAILED = {
    "input_tokens": 10,
    "output_tokens": 20,
    "total_tokens": 30,
    "input_token_details": {"cache_read": 2, "audio": 1},
    "output_token_details": {"reasoning": 5},
}


def _chat(impl: Any, usage: Usage | None, model: str | None = "model-a") -> Any:
    """A chat generation whose AIMessage carries a copy of ``usage`` and (if given) a model name.

    A copy, so that an implementation that changes the usage it is given (a
    USAGE-05 failure) cannot change SMALL or DETAILED for the tests after it.
    """
    response_metadata = {} if model is None else {"model_name": model}
    message = impl.AIMessage(
        content="ok", usage_metadata=copy.deepcopy(usage), response_metadata=response_metadata
    )
    return impl.ChatGeneration(message=message)


def _result(impl: Any, usage: Usage | None, model: str | None = "model-a") -> Any:
    """A one-prompt, one-candidate chat model result."""
    return impl.LLMResult(generations=[[_chat(impl, usage, model)]])


def _plus(left: Usage, right: Usage) -> Usage:
    """Field-wise sum of two usage records: counts add, nested dicts recurse, missing is 0."""
    total = dict(left)
    for key, value in right.items():
        if isinstance(value, dict):
            total[key] = _plus(total.get(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value
    return total


def _expected_totals(feed: list[tuple[str, Usage]]) -> dict[str, Usage]:
    totals: dict[str, Usage] = {}
    for model, usage in feed:
        totals[model] = _plus(totals.get(model, {}), usage)
    return totals


def _count(handler: Any, handlers: list[Any]) -> int:
    return sum(1 for h in handlers if h is handler)


def _placement(handler: Any, manager: Any) -> tuple[int, int]:
    """How many times ``handler`` is in the manager's (handlers, inheritable_handlers)."""
    return _count(handler, manager.handlers), _count(handler, manager.inheritable_handlers)


def _feed_through(manager: Any, impl: Any, result: Any) -> None:
    """Start one chat model run on ``manager`` and end it with ``result``."""
    runs = run(manager.on_chat_model_start({}, [[impl.HumanMessage(content="hi")]]))
    run(runs[0].on_llm_end(result))


# --- UsageMetadataCallbackHandler: what on_llm_end counts ---------------------


@pytest.mark.clause("USAGE-01")
def test_usage_handler_starts_with_empty_totals(impl: Any) -> None:
    first = impl.UsageMetadataCallbackHandler()
    assert first.usage_metadata == {}, f"expected {{}}, observed {first.usage_metadata!r}"
    # Totals are per handler: one that has counted usage leaves a new one empty.
    first.on_llm_end(_result(impl, SMALL))
    second = impl.UsageMetadataCallbackHandler()
    assert second.usage_metadata == {}, (
        f"a handler made after another one counted usage: expected {{}}, "
        f"observed {second.usage_metadata!r}"
    )
    assert second.usage_metadata is not first.usage_metadata, (
        "two handlers share one usage_metadata dict (declared on the class?)"
    )


@pytest.mark.clause("USAGE-02")
def test_usage_of_first_chat_generation_is_recorded_under_its_model(impl: Any) -> None:
    handler = impl.UsageMetadataCallbackHandler()
    handler.on_llm_end(_result(impl, DETAILED, model="model-a"))
    assert handler.usage_metadata == {"model-a": DETAILED}, (
        f"expected {{'model-a': {DETAILED!r}}}, observed {handler.usage_metadata!r}"
    )


@pytest.mark.clause("USAGE-04")
def test_usage_adds_up_field_by_field_including_nested_details(impl: Any) -> None:
    first = {
        "input_tokens": 1,
        "output_tokens": 2,
        "total_tokens": 3,
        "input_token_details": {"cache_read": 1},
    }
    second = {
        "input_tokens": 10,
        "output_tokens": 20,
        "total_tokens": 30,
        "input_token_details": {"audio": 2, "cache_read": 4},
        "output_token_details": {"reasoning": 5},
    }
    handler = impl.UsageMetadataCallbackHandler()
    handler.on_llm_end(_result(impl, first))
    handler.on_llm_end(_result(impl, second))
    expected = {
        "input_tokens": 11,
        "output_tokens": 22,
        "total_tokens": 33,
        "input_token_details": {"audio": 2, "cache_read": 5},
        "output_token_details": {"reasoning": 5},
    }
    assert handler.usage_metadata == {"model-a": expected}, (
        f"expected {{'model-a': {expected!r}}}, observed {handler.usage_metadata!r}"
    )


@pytest.mark.clause("USAGE-04")
def test_usage_of_different_models_is_kept_apart(impl: Any) -> None:
    handler = impl.UsageMetadataCallbackHandler()
    handler.on_llm_end(_result(impl, SMALL, model="model-a"))
    handler.on_llm_end(_result(impl, DETAILED, model="model-b"))
    handler.on_llm_end(_result(impl, SMALL, model="model-a"))
    expected = {"model-a": _plus(SMALL, SMALL), "model-b": DETAILED}
    assert handler.usage_metadata == expected, (
        f"expected {expected!r}, observed {handler.usage_metadata!r}"
    )


@pytest.mark.clause("USAGE-02")
def test_only_the_first_generation_of_the_first_prompt_counts(impl: Any) -> None:
    result = impl.LLMResult(
        generations=[
            [_chat(impl, SMALL, "model-a"), _chat(impl, DETAILED, "model-b")],
            [_chat(impl, DETAILED, "model-c")],
        ]
    )
    handler = impl.UsageMetadataCallbackHandler()
    handler.on_llm_end(result)
    assert handler.usage_metadata == {"model-a": SMALL}, (
        f"expected only generations[0][0] counted: {{'model-a': {SMALL!r}}}, "
        f"observed {handler.usage_metadata!r}"
    )


NOT_COUNTED: dict[str, Callable[[Any], Any]] = {
    "plain-generation": lambda impl: impl.LLMResult(generations=[[impl.Generation(text="x")]]),
    "usage-in-llm-output-only": lambda impl: impl.LLMResult(
        generations=[[impl.Generation(text="x")]],
        llm_output={"token_usage": dict(SMALL), "model_name": "model-a"},
    ),
    "usage-not-given": lambda impl: impl.LLMResult(
        generations=[
            [
                impl.ChatGeneration(
                    message=impl.AIMessage(
                        content="ok", response_metadata={"model_name": "model-a"}
                    )
                )
            ]
        ]
    ),
    "usage-none": lambda impl: _result(impl, None),
    "no-prompts": lambda impl: impl.LLMResult(generations=[]),
    "no-candidates": lambda impl: impl.LLMResult(generations=[[]]),
    "usage-only-in-second-candidate": lambda impl: impl.LLMResult(
        generations=[[_chat(impl, None), _chat(impl, SMALL)]]
    ),
    "usage-only-in-second-prompt": lambda impl: impl.LLMResult(
        generations=[[_chat(impl, None)], [_chat(impl, SMALL)]]
    ),
    "plain-generation-before-usage": lambda impl: impl.LLMResult(
        generations=[[impl.Generation(text="x"), _chat(impl, SMALL)]]
    ),
    "plain-prompt-before-usage": lambda impl: impl.LLMResult(
        generations=[[impl.Generation(text="x")], [_chat(impl, SMALL)]]
    ),
}


@pytest.mark.clause("USAGE-03")
@pytest.mark.parametrize("case", list(NOT_COUNTED))
def test_result_without_countable_first_generation_changes_nothing(impl: Any, case: str) -> None:
    fresh = impl.UsageMetadataCallbackHandler()
    fresh.on_llm_end(NOT_COUNTED[case](impl))
    assert fresh.usage_metadata == {}, (
        f"{case} on a new handler: expected totals {{}}, observed {fresh.usage_metadata!r}"
    )
    handler = impl.UsageMetadataCallbackHandler()
    handler.on_llm_end(_result(impl, DETAILED, model="model-a"))
    before = copy.deepcopy(handler.usage_metadata)
    handler.on_llm_end(NOT_COUNTED[case](impl))
    assert handler.usage_metadata == before, (
        f"{case} after a counted run: expected totals unchanged {before!r}, "
        f"observed {handler.usage_metadata!r}"
    )


# Usage without a model name: dropped by langchain-core 1.8, counted under
# "unknown" by every fix proposed upstream (langchain PRs 40411, 40510,
# 40513, 40548; issues 40412, 40511, 40512, 40518). Both are accepted.
MODEL_LESS: dict[str, Callable[[Any], Any]] = {
    "no-model-name": lambda impl: _result(impl, SMALL, model=None),
    "model-name-under-another-key": lambda impl: impl.LLMResult(
        generations=[
            [
                impl.ChatGeneration(
                    message=impl.AIMessage(
                        content="ok",
                        usage_metadata=copy.deepcopy(SMALL),
                        response_metadata={"model": "model-a"},
                    )
                )
            ]
        ]
    ),
}


@pytest.mark.clause("USAGE-08")
@pytest.mark.parametrize("case", list(MODEL_LESS))
def test_usage_without_a_model_name_is_dropped_or_kept_apart(impl: Any, case: str) -> None:
    handler = impl.UsageMetadataCallbackHandler()
    handler.on_llm_end(_result(impl, DETAILED, model="model-a"))
    before = copy.deepcopy(handler.usage_metadata)
    handler.on_llm_end(MODEL_LESS[case](impl))
    handler.on_llm_end(MODEL_LESS[case](impl))
    totals = dict(handler.usage_metadata)
    if totals == before:
        return  # accepted outcome 1: dropped (langchain-core 1.8)
    # accepted outcome 2: one fallback key, summed like a model's usage
    added = sorted(set(totals) - set(before), key=repr)
    kept = {model: totals.get(model) for model in before}
    unexpected = (
        f"{case}: expected the totals unchanged {before!r}, or those plus one "
        f"fallback key; observed {totals!r}"
    )
    assert kept == before, unexpected
    assert len(added) == 1, unexpected
    (fallback,) = added
    assert fallback != "model-a", f"{case}: the fallback key names a model: {fallback!r}"
    assert totals[fallback] == _plus(SMALL, SMALL), (
        f"{case}: usage counted under the fallback key {fallback!r}: expected "
        f"{_plus(SMALL, SMALL)!r} (two results of {SMALL!r}), observed {totals[fallback]!r}"
    )


@pytest.mark.clause("USAGE-05")
def test_handler_does_not_change_the_usage_it_is_given(impl: Any) -> None:
    results = [_result(impl, copy.deepcopy(DETAILED)) for _ in range(3)]
    handler = impl.UsageMetadataCallbackHandler()
    for result in results:
        handler.on_llm_end(result)
    observed = [r.generations[0][0].message.usage_metadata for r in results]
    assert observed == [DETAILED] * 3, (
        f"expected each message's usage left as {DETAILED!r}, observed {observed!r}"
    )


# --- totals: any order, any thread, through managers --------------------------

_COUNT = st.integers(min_value=0, max_value=100_000)
_USAGE = st.fixed_dictionaries(
    {"input_tokens": _COUNT, "output_tokens": _COUNT, "total_tokens": _COUNT},
    optional={
        "input_token_details": st.fixed_dictionaries(
            {}, optional={"audio": _COUNT, "cache_creation": _COUNT, "cache_read": _COUNT}
        ),
        "output_token_details": st.fixed_dictionaries(
            {}, optional={"audio": _COUNT, "reasoning": _COUNT}
        ),
    },
)
_FEED = st.lists(st.tuples(st.sampled_from(["model-a", "model-b", "model-c"]), _USAGE), max_size=8)


@pytest.mark.clause("USAGE-04")
@settings(deadline=None, database=None)
@given(feed=_FEED, data=st.data())
def test_totals_are_the_field_wise_sum_in_any_order(
    impl: Any, feed: list[tuple[str, Usage]], data: st.DataObject
) -> None:
    expected = _expected_totals(feed)
    for order in (feed, data.draw(st.permutations(feed), label="order")):
        handler = impl.UsageMetadataCallbackHandler()
        for model, usage in order:
            handler.on_llm_end(_result(impl, copy.deepcopy(usage), model=model))
        assert handler.usage_metadata == expected, (
            f"fed {order!r}: expected {expected!r}, observed {handler.usage_metadata!r}"
        )


# A lost update needs a thread switch between reading a model's total and
# writing it back, so one round can pass by luck.  A handler updating without
# its lock lost usage in the first round in 30 runs of 30 on an idle 2-core
# machine, and in 24 of 30 with four busy processes beside it (the second round
# caught the other 6); the test fails on the first round that loses any.  The
# test takes about 0.4 s on the reference.
THREADS = 8
CALLS_PER_THREAD = 500
ROUNDS = 5


def _lost_usage_in_one_round(impl: Any) -> str | None:
    """Feed a new handler from THREADS threads at once; what went wrong, or None."""
    handler = impl.UsageMetadataCallbackHandler()
    results = [_result(impl, DETAILED, model=f"model-{i % 2}") for i in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def feed(result: Any) -> None:
        try:
            barrier.wait(timeout=60)
            for _ in range(CALLS_PER_THREAD):
                handler.on_llm_end(result)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=feed, args=(r,)) for r in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if any(t.is_alive() for t in threads):
        return "feeding threads did not finish"
    if errors:
        return f"on_llm_end raised in a thread: {errors!r}"
    per_model = [(f"model-{i % 2}", DETAILED) for i in range(THREADS)] * CALLS_PER_THREAD
    expected = _expected_totals(per_model)
    if handler.usage_metadata != expected:
        return f"expected {expected!r}, observed {handler.usage_metadata!r}"
    return None


@pytest.mark.clause("USAGE-06")
def test_concurrent_on_llm_end_loses_no_usage(impl: Any) -> None:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, to provoke races
    try:
        for round_number in range(1, ROUNDS + 1):
            problem = _lost_usage_in_one_round(impl)
            assert problem is None, (
                f"round {round_number} of {ROUNDS} ({THREADS} threads x {CALLS_PER_THREAD} "
                f"on_llm_end calls on a new handler): {problem}"
            )
    finally:
        sys.setswitchinterval(interval)


@pytest.mark.clause("USAGE-07")
def test_usage_reaches_the_handler_through_a_manager(impl: Any, manager_class: Any) -> None:
    handler = impl.UsageMetadataCallbackHandler()
    manager = manager_class.configure(inheritable_callbacks=[handler])
    prompts = [[impl.HumanMessage(content="hi")], [impl.HumanMessage(content="again")]]
    runs = run(manager.on_chat_model_start({}, prompts))
    assert len(runs) == 2, f"expected one run manager per message list (2), observed {runs!r}"
    run(runs[0].on_llm_end(_result(impl, SMALL, model="model-a")))
    run(runs[1].on_llm_end(_result(impl, DETAILED, model="model-a")))
    expected = {"model-a": _plus(SMALL, DETAILED)}
    assert handler.usage_metadata == expected, (
        f"expected {expected!r}, observed {handler.usage_metadata!r}"
    )


# --- get_usage_metadata_callback ----------------------------------------------

CONFIGURE_INPUTS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "no-callbacks": lambda impl: {},
    "inheritable-list": lambda impl: {"inheritable_callbacks": [impl.BaseCallbackHandler()]},
    "local-list": lambda impl: {"local_callbacks": [impl.BaseCallbackHandler()]},
    "both-lists": lambda impl: {
        "inheritable_callbacks": [impl.BaseCallbackHandler()],
        "local_callbacks": [impl.BaseCallbackHandler()],
    },
    "tags-and-metadata": lambda impl: {
        "inheritable_tags": ["t"],
        "local_tags": ["l"],
        "inheritable_metadata": {"k": 1},
    },
}


@pytest.mark.clause("UCB-01")
@pytest.mark.parametrize("inputs", list(CONFIGURE_INPUTS))
def test_configure_inside_block_adds_the_handler_once_as_inheritable(
    impl: Any, manager_class: Any, inputs: str
) -> None:
    kwargs = CONFIGURE_INPUTS[inputs](impl)
    with impl.get_usage_metadata_callback(name="usage_in_configure") as handler:
        manager = manager_class.configure(**kwargs)
    observed = _placement(handler, manager)
    assert observed == (1, 1), (
        f"configure({inputs}): expected the handler once in handlers and once in "
        f"inheritable_handlers (1, 1), observed {observed}"
    )
    others = [*kwargs.get("inheritable_callbacks", []), *kwargs.get("local_callbacks", [])]
    missing = [h for h in others if _count(h, manager.handlers) != 1]
    assert not missing, f"expected the given handlers kept once each, missing/repeated: {missing}"


@pytest.mark.clause("UCB-01")
def test_configure_given_a_manager_that_holds_the_handler_keeps_it_once(
    impl: Any, manager_class: Any
) -> None:
    with impl.get_usage_metadata_callback() as handler:
        first = manager_class.configure()
        second = manager_class.configure(inheritable_callbacks=first)
        third = manager_class.configure(inheritable_callbacks=second)
    observed = [_placement(handler, m) for m in (first, second, third)]
    assert observed == [(1, 1)] * 3, (
        "configure(manager holding the handler): expected (handlers, inheritable_handlers) "
        f"counts [(1, 1)] * 3 for configure(), configure(that), configure(that), "
        f"observed {observed}"
    )


@pytest.mark.clause("UCB-02")
def test_handler_reaches_child_runs_and_records_their_usage(impl: Any, manager_class: Any) -> None:
    with impl.get_usage_metadata_callback() as handler:
        manager = manager_class.configure()
        chain = run(manager.on_chain_start({}, {"input": "x"}))
        child = chain.get_child()
        placement = _placement(handler, child)
        _feed_through(child, impl, _result(impl, DETAILED, model="model-a"))
    assert placement == (1, 1), (
        f"expected the handler once in the child manager's handlers and inheritable "
        f"handlers (1, 1), observed {placement}"
    )
    assert handler.usage_metadata == {"model-a": DETAILED}, (
        f"expected the child chat run's usage {{'model-a': {DETAILED!r}}}, "
        f"observed {handler.usage_metadata!r}"
    )


@pytest.mark.clause("UCB-03")
def test_each_block_yields_a_fresh_handler(impl: Any) -> None:
    with impl.get_usage_metadata_callback() as first:
        _feed_through(impl.CallbackManager.configure(), impl, _result(impl, SMALL))
    with impl.get_usage_metadata_callback() as second:
        pass
    assert isinstance(second, impl.UsageMetadataCallbackHandler), (
        f"expected a UsageMetadataCallbackHandler, observed {type(second)!r}"
    )
    assert second is not first, "expected a new handler for each block, observed the same one"
    assert second.usage_metadata == {}, (
        f"expected empty totals in a new block, observed {second.usage_metadata!r}"
    )
    assert first.usage_metadata == {"model-a": SMALL}, (
        f"expected the first block's totals {{'model-a': {SMALL!r}}}, "
        f"observed {first.usage_metadata!r}"
    )


@pytest.mark.clause("UCB-03")
def test_handler_is_not_added_after_the_block_ends(impl: Any, manager_class: Any) -> None:
    with impl.get_usage_metadata_callback() as handler:
        pass
    manager = manager_class.configure()
    _feed_through(manager, impl, _result(impl, SMALL))
    observed = _placement(handler, manager)
    assert observed == (0, 0), (
        f"expected the handler absent after the block (0, 0), observed {observed}"
    )
    assert handler.usage_metadata == {}, (
        f"expected no usage recorded after the block, observed {handler.usage_metadata!r}"
    )


class _RaisedInsideTheBlock(Exception):
    pass


@pytest.mark.clause("UCB-03")
def test_exception_in_block_propagates_and_the_handler_is_not_added_after(
    impl: Any, manager_class: Any
) -> None:
    with (
        pytest.raises(_RaisedInsideTheBlock),
        impl.get_usage_metadata_callback() as handler,
    ):
        raise _RaisedInsideTheBlock
    observed = _placement(handler, manager_class.configure())
    assert observed == (0, 0), (
        f"expected the handler absent after the block ended by an exception (0, 0), "
        f"observed {observed}"
    )


@pytest.mark.clause("UCB-04")
def test_nested_blocks_add_both_handlers_and_count_inner_usage_in_both(
    impl: Any, manager_class: Any
) -> None:
    with impl.get_usage_metadata_callback(name="outer") as outer:
        with impl.get_usage_metadata_callback(name="inner") as inner:
            inside = manager_class.configure()
            _feed_through(inside, impl, _result(impl, SMALL))
        after_inner = manager_class.configure()
        _feed_through(after_inner, impl, _result(impl, DETAILED))
    placements = {
        "inside inner: outer": _placement(outer, inside),
        "inside inner: inner": _placement(inner, inside),
        "after inner: outer": _placement(outer, after_inner),
        "after inner: inner": _placement(inner, after_inner),
    }
    expected_placements = {
        "inside inner: outer": (1, 1),
        "inside inner: inner": (1, 1),
        "after inner: outer": (1, 1),
        "after inner: inner": (0, 0),
    }
    assert placements == expected_placements, (
        f"(handlers, inheritable_handlers) counts: expected {expected_placements}, "
        f"observed {placements}"
    )
    totals = {"outer": outer.usage_metadata, "inner": inner.usage_metadata}
    expected = {"outer": {"model-a": _plus(SMALL, DETAILED)}, "inner": {"model-a": SMALL}}
    assert totals == expected, f"expected {expected!r}, observed {totals!r}"


@pytest.mark.clause("UCB-04")
def test_exception_in_inner_block_leaves_the_outer_block_active(
    impl: Any, manager_class: Any
) -> None:
    with impl.get_usage_metadata_callback(name="outer") as outer:
        with (
            pytest.raises(_RaisedInsideTheBlock),
            impl.get_usage_metadata_callback(name="inner") as inner,
        ):
            raise _RaisedInsideTheBlock
        manager = manager_class.configure()
    observed = {"outer": _placement(outer, manager), "inner": _placement(inner, manager)}
    expected = {"outer": (1, 1), "inner": (0, 0)}
    assert observed == expected, f"expected {expected}, observed {observed}"


# Retained memory is measured with tracemalloc, never with a clock.  A use
# that leaks one small object (a context variable and a registry entry, say)
# retains 100 bytes or more per use: over CYCLES uses that is several times
# the bound, while a bounded registry retains (almost) nothing.  The uses run
# in rounds of ROUND_CYCLES, and the test stops after the first round that
# leaves more than the bound retained: a leak often slows every later use too
# (each configure() walking all the leaked hooks or handlers), so all CYCLES
# uses could take minutes, where a binding that leaks fails in a round or two.
WARMUP_CYCLES = 200
ROUND_CYCLES = 200
CYCLES = 2000
RETAINED_BOUND = 16 * CYCLES


@pytest.mark.clause("UCB-05")
def test_repeated_use_does_not_grow_retained_memory(impl: Any) -> None:
    def use_once() -> None:
        with impl.get_usage_metadata_callback():
            impl.CallbackManager.configure()

    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    try:
        for _ in range(WARMUP_CYCLES):
            use_once()
        gc.collect()
        before, _ = tracemalloc.get_traced_memory()
        uses = growth = 0
        while uses < CYCLES:
            for _ in range(ROUND_CYCLES):
                use_once()
            uses += ROUND_CYCLES
            growth = tracemalloc.get_traced_memory()[0] - before
            if growth >= RETAINED_BOUND:
                # Uncollected garbage only adds to the traced memory, so collecting
                # (slow in a large process) is needed only once the bound is passed.
                gc.collect()
                growth = tracemalloc.get_traced_memory()[0] - before
                if growth >= RETAINED_BOUND:
                    break
    finally:
        if started_here:
            tracemalloc.stop()
    stopped = f" (stopped there, of {CYCLES})" if uses < CYCLES else ""
    assert growth < RETAINED_BOUND, (
        f"{uses} uses of get_usage_metadata_callback{stopped}, each with a configure(), "
        f"retained {growth} bytes ({growth / uses:.1f} per use); expected under "
        f"{RETAINED_BOUND} bytes for all {CYCLES} uses: something grows with every use "
        "(a configure hook registered per call? a handler never removed?)"
    )
