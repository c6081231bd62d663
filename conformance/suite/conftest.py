"""Fixtures of the conformance suite."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from conformance.binding import Binding, load_binding
from conformance.plugin import binding_key
from conformance.suite.support import Behaviour, Trace, recorder_class

# Environment variables that make langchain-core add tracers or debug
# handlers on its own; a conformance run must not depend on the machine.
_AMBIENT = ("LANGCHAIN_TRACING", "LANGCHAIN_TRACING_V2", "LANGSMITH_TRACING", "LANGCHAIN_HANDLER")


@pytest.fixture(scope="session")
def impl(pytestconfig: pytest.Config) -> Binding:
    """The implementation under test (``reference`` when the suite is run without --impl)."""
    binding = pytestconfig.stash.get(binding_key, None)
    return binding if binding is not None else load_binding("reference")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _AMBIENT:
        if var in os.environ:
            monkeypatch.delenv(var)


@pytest.fixture
def trace() -> Trace:
    """The shared record of events received by this test's handlers."""
    return Trace()


MakeHandler = Callable[..., Any]


@pytest.fixture
def make_handler(impl: Binding, trace: Trace) -> MakeHandler:
    """``make_handler(label, is_async=False, ignore=(), raise_error=False, run_inline=False,
    fail={event: exception}, no_chat=False)`` -> a recording handler."""

    def make(
        label: str,
        *,
        is_async: bool = False,
        ignore: Any = (),
        raise_error: bool = False,
        run_inline: bool = False,
        fail: dict[str, BaseException] | None = None,
        no_chat: bool = False,
    ) -> Any:
        behaviour = Behaviour(frozenset(ignore), raise_error, run_inline, dict(fail or {}), no_chat)
        return recorder_class(impl, is_async)(label, trace, behaviour)

    return make


@pytest.fixture(params=["CallbackManager", "AsyncCallbackManager"])
def manager_class(request: pytest.FixtureRequest, impl: Binding) -> Any:
    """Each test using it runs once with the sync and once with the async manager."""
    return getattr(impl, request.param)


@pytest.fixture(params=[False, True], ids=["sync-handler", "async-handler"])
def handler_is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)
