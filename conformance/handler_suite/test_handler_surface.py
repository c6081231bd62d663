"""HSURF: how managers call a handler -- signatures, flags, and the kind of its event methods."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from conformance.handler_watch import is_async_handler
from conformance.suite.support import EVENTS, FLAGS


def manager_call(event: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Arguments shaped as managers pass them to ``event``: the documented required
    positional parameters by position, every other documented parameter by keyword,
    and one keyword argument no handler knows."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parameter in EVENTS[event].parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        positional = parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        if positional and parameter.default is parameter.empty:
            args.append(None)
        else:
            kwargs[parameter.name] = None
    kwargs["conformance_unknown_keyword"] = None
    return tuple(args), kwargs


@pytest.mark.clause("HSURF-01")
@pytest.mark.parametrize("event", sorted(EVENTS))
def test_event_method_accepts_what_managers_pass(handler: Any, event: str) -> None:
    method = getattr(handler, event, None)
    assert callable(method), f"{type(handler).__name__} has no callable {event}"
    try:
        signature = inspect.signature(method)
    except (TypeError, ValueError):
        return  # no signature to check (a builtin): the stream tests call it
    args, kwargs = manager_call(event)
    try:
        signature.bind(*args, **kwargs)
    except TypeError as error:
        shown = ", ".join([*("<value>" for _ in args), *(f"{k}=..." for k in kwargs)])
        raise AssertionError(
            f"{type(handler).__name__}.{event}{signature} cannot be called as managers call "
            f"it: {event}({shown}) -> TypeError: {error}. Managers pass the documented "
            "keyword arguments and every extra keyword argument of the caller: end the "
            "signature with **kwargs"
        ) from None


@pytest.mark.clause("HSURF-02")
@pytest.mark.parametrize("flag", ["raise_error", "run_inline", *FLAGS])
def test_flag_is_a_bool(handler: Any, flag: str) -> None:
    value = getattr(handler, flag)
    assert isinstance(value, bool), (
        f"{type(handler).__name__}.{flag} is {value!r} ({type(value).__name__}), not a bool; "
        f"managers test `if handler.{flag}`, so a method (always true) "
        + (
            "silences every event the flag guards"
            if flag.startswith("ignore")
            else "turns the behaviour on for good"
        )
        + ": write it as a property or a plain attribute"
    )


@pytest.mark.clause("HSURF-03")
@pytest.mark.parametrize("event", sorted(EVENTS))
def test_event_method_kind_matches_the_handler_kind(handler: Any, impl: Any, event: str) -> None:
    method = getattr(handler, event, None)
    assert callable(method), f"{type(handler).__name__} has no callable {event}"
    name = type(handler).__name__
    if is_async_handler(handler, impl):
        assert inspect.iscoroutinefunction(method), (
            f"{name} is an AsyncCallbackHandler but {event} is not a coroutine function "
            "(async def): an async manager would call it and get no coroutine to await, or run "
            "it in the loop's thread"
        )
    else:
        assert not inspect.iscoroutinefunction(method), (
            f"{name} is not an AsyncCallbackHandler but {event} is a coroutine function: "
            "managers call a sync handler's methods and never await the coroutine"
        )
