"""Fixtures of the handler suite: the binding whose managers deliver, and the handler factory."""

from __future__ import annotations

import os
from typing import Any

import pytest

from conformance.binding import Binding, load_binding
from conformance.handler_binding import HandlerFactory, load_factory
from conformance.plugin import binding_key, handler_key

_AMBIENT = ("LANGCHAIN_TRACING", "LANGCHAIN_TRACING_V2", "LANGSMITH_TRACING", "LANGCHAIN_HANDLER")


@pytest.fixture(scope="session")
def impl(pytestconfig: pytest.Config) -> Binding:
    binding = pytestconfig.stash.get(binding_key, None)
    return binding if binding is not None else load_binding("reference")


@pytest.fixture(scope="session")
def factory(pytestconfig: pytest.Config, impl: Binding) -> HandlerFactory:
    """The handler factory under test (the kit's EventRecorder when run without --handler)."""
    found = pytestconfig.stash.get(handler_key, None)
    if found is not None:
        return found
    return load_factory("conformance.recorder:EventRecorder", None)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _AMBIENT:
        if var in os.environ:
            monkeypatch.delenv(var)


@pytest.fixture
def handler(factory: HandlerFactory) -> Any:
    return factory()
