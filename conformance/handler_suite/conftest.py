"""Fixtures of the handler suite: the factory under test and the binding whose managers drive it."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import Verbosity, settings

from conformance.binding import Binding, load_binding
from conformance.handler_binding import HandlerFactory
from conformance.plugin import binding_key, handler_key
from conformance.suite.strategies import QUICK_FAILURE_SETTINGS

#: Settings of the handler suite's properties.  The failure message already
#: shows the shrunk stream as runnable code, so hypothesis's own print of
#: the example (a large dataclass) is left out.  No max_examples: the profile
#: decides.
HANDLER_SETTINGS = settings(QUICK_FAILURE_SETTINGS, verbosity=Verbosity.quiet)

_AMBIENT = ("LANGCHAIN_TRACING", "LANGCHAIN_TRACING_V2", "LANGSMITH_TRACING", "LANGCHAIN_HANDLER")


@pytest.fixture(scope="session")
def impl(pytestconfig: pytest.Config) -> Binding:
    """The binding whose managers and data types drive the handler (``--impl``; default
    reference)."""
    binding = pytestconfig.stash.get(binding_key, None)
    return binding if binding is not None else load_binding("reference")


@pytest.fixture(scope="session")
def factory(pytestconfig: pytest.Config) -> HandlerFactory:
    """The ``--handler`` factory."""
    found: HandlerFactory = pytestconfig.stash[handler_key]
    return found


@pytest.fixture
def handler(factory: HandlerFactory) -> Any:
    """A fresh handler from the factory."""
    return factory()


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _AMBIENT:
        if var in os.environ:
            monkeypatch.delenv(var)


@pytest.fixture(params=["CallbackManager", "AsyncCallbackManager"])
def manager_name(request: pytest.FixtureRequest) -> str:
    """Each test using it runs once under the sync and once under the async manager."""
    return str(request.param)
