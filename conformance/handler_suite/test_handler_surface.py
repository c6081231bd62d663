"""Surface of the handler: flags are bools, event methods have the right kind."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from conformance.suite.support import EVENTS, FLAGS


@pytest.mark.clause("HSURF-02")
@pytest.mark.parametrize("flag", ["raise_error", "run_inline", *FLAGS])
def test_flag_is_a_bool(handler: Any, flag: str) -> None:
    value = getattr(handler, flag)
    assert isinstance(value, bool), (
        f"{type(handler).__name__}.{flag} is {value!r} ({type(value).__name__}), not a bool; "
        "a method or other truthy object makes the manager skip every event it guards"
    )


@pytest.mark.clause("HSURF-03")
@pytest.mark.parametrize("event", sorted(EVENTS))
def test_event_method_kind(handler: Any, impl: Any, event: str) -> None:
    method = getattr(handler, event, None)
    assert callable(method), f"{type(handler).__name__} has no callable {event}"
    if isinstance(handler, impl.AsyncCallbackHandler):
        assert inspect.iscoroutinefunction(method), f"{event} of an async handler is not async"
    else:
        assert not inspect.iscoroutinefunction(method), f"{event} of a sync handler is async"
