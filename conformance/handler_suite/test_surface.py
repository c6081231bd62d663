"""HSURF: what managers find on the handler -- event methods that take what they are given,
flags that are booleans, and methods of the kind (sync or async) the handler is."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

import pytest

from conformance.encoding import EVENT_NAMES
from conformance.handler_binding import HandlerFactory
from conformance.handler_probe import FLAGS
from conformance.recorder import EventRecorder
from conformance.streams import Forest, Run, adrive, drive


class _Calls(EventRecorder):
    """Keeps each call exactly as the managers made it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def _record(self, event: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.calls.append((event, args, dict(kwargs)))


def every_kind_of_run() -> Forest:
    """One tree with every event: each run kind, tokens, text, retry, agent, custom."""

    def run(kind: str, fails: bool = False, **more: Any) -> Run:
        return Run(kind, {"name": kind}, "q", "out", fails, **more)

    chat = run("chat", tokens=2, prompts=2, text=True, retry=True)
    children = [
        run("llm", tokens=1),
        chat,
        run("chat", True),
        run("tool"),
        run("retriever"),
        run("retriever", True),
        run("tool", True),
    ]
    root = run("chain", text=True, retry=True, agent=True, custom=True, children=children)
    return Forest([root, run("chain", True)], detached=False)


@pytest.fixture(scope="module")
def manager_calls(impl: Any) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    sync, other = _Calls(), _Calls()
    drive(impl, sync, every_kind_of_run())
    asyncio.run(adrive(impl, other, every_kind_of_run()))
    calls = sync.calls + other.calls
    assert {name for name, _, _ in calls} == set(EVENT_NAMES), "the stream lacks some events"
    return calls


@pytest.mark.clause("HSURF-01")
def test_event_methods_accept_what_managers_pass_and_unknown_keywords(
    handler: Any, manager_calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]]
) -> None:
    refused = []
    seen: set[str] = set()
    for event, args, kwargs in manager_calls:
        if event in seen:
            continue
        seen.add(event)
        method = getattr(handler, event, None)
        if method is None:
            refused.append(f"{event}: no such method")
            continue
        try:
            signature = inspect.signature(method)
        except (TypeError, ValueError):  # a builtin or C callable: nothing to check
            continue
        for extra in ({}, {"a_keyword_from_a_newer_runtime": 1}):
            try:
                signature.bind(*args, **kwargs, **extra)
            except TypeError as error:
                given = ", ".join([*(type(a).__name__ for a in args), *kwargs, *extra])
                refused.append(f"{event}{signature}: called with ({given}): {error}")
                break
    assert not refused, "event methods that cannot take what managers pass:\n  " + "\n  ".join(
        refused
    )


@pytest.mark.clause("HSURF-02")
def test_flags_are_booleans(handler: Any) -> None:
    wrong = []
    for flag in FLAGS:
        try:
            value = getattr(handler, flag)
        except Exception as error:  # managers read every flag: a missing one breaks them
            wrong.append(f"{flag}: reading it raised {type(error).__name__}: {error}")
            continue
        if not isinstance(value, bool):
            hint = " (a method: decorate it with @property)" if inspect.ismethod(value) else ""
            wrong.append(f"{flag} is {value!r}, a {type(value).__name__}{hint}")
    assert not wrong, "flags managers read that are not booleans:\n  " + "\n  ".join(wrong)


@pytest.mark.clause("HSURF-03")
def test_event_methods_are_all_sync_or_all_async_as_the_handler_is(
    handler: Any, factory: HandlerFactory, impl: Any
) -> None:
    base_async = getattr(impl.module, "AsyncCallbackHandler", None)
    is_async = isinstance(handler, base_async) if base_async is not None else factory.is_async
    odd = [
        event
        for event in EVENT_NAMES
        if callable(getattr(handler, event, None))
        and inspect.iscoroutinefunction(getattr(handler, event)) is not is_async
    ]
    kind = "an async handler" if is_async else "a sync handler"
    other = "plain functions" if is_async else "coroutine functions"
    assert not odd, f"{kind}, but these event methods are {other}: {', '.join(odd)}"
