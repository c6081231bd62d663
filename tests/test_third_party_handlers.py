"""Smoke test: each third-party handler factory gives a fresh handler that survives a chain.

Offline. Skipped unless the ``handlers`` extra is installed; .ci/run does not install it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("langfuse")
pytest.importorskip("openinference.instrumentation.langchain")
pytest.importorskip("opentelemetry.instrumentation.langchain")

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables import RunnableLambda

from tests.handlers import third_party


@pytest.mark.parametrize("name", ["openinference", "openllmetry", "langfuse"])
def test_factory_gives_a_fresh_handler_that_survives_a_chain(name: str) -> None:
    factory = getattr(third_party, name)
    first, second = factory(), factory()
    assert isinstance(first, BaseCallbackHandler)
    assert first is not second
    chain = RunnableLambda(lambda x: x + 1) | RunnableLambda(lambda x: x * 2)
    assert chain.invoke(1, config={"callbacks": [first]}) == 4
