"""Fixtures of the handler suite: the factory under test and the binding whose managers drive it."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.binding import Binding, load_binding
from conformance.handler_binding import HandlerFactory
from conformance.plugin import binding_key, handler_key


@pytest.fixture(scope="session")
def impl(pytestconfig: pytest.Config) -> Binding:
    """The binding whose managers and data types drive the handler (``--impl``; default reference)."""
    binding = pytestconfig.stash.get(binding_key, None)
    return binding if binding is not None else load_binding("reference")


@pytest.fixture(scope="session")
def factory(pytestconfig: pytest.Config) -> HandlerFactory:
    """The ``--handler`` factory."""
    return pytestconfig.stash[handler_key]


@pytest.fixture
def handler(factory: HandlerFactory) -> Any:
    """A fresh handler from the factory."""
    return factory()
