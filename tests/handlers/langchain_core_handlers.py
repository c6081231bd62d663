"""Zero-argument factories for langchain-core's own handlers, for the handler suite.

    pytest --impl=langchain_core --handler=tests.handlers.langchain_core_handlers:stdout

Nothing here writes outside a temporary folder or reaches the network: the
file handler writes to a temporary file, and LangChain's tracer is given a
client whose every method does nothing.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any


def stdout() -> Any:
    from langchain_core.callbacks import StdOutCallbackHandler

    return StdOutCallbackHandler()


def streaming_stdout() -> Any:
    from langchain_core.callbacks import StreamingStdOutCallbackHandler

    return StreamingStdOutCallbackHandler()


def usage() -> Any:
    from langchain_core.callbacks import UsageMetadataCallbackHandler

    return UsageMetadataCallbackHandler()


def file() -> Any:
    from langchain_core.callbacks import FileCallbackHandler

    descriptor, path = tempfile.mkstemp(prefix="handler-suite-", suffix=".log")
    os.close(descriptor)
    return FileCallbackHandler(path)


def console() -> Any:
    from langchain_core.tracers.stdout import ConsoleCallbackHandler

    return ConsoleCallbackHandler()


def run_collector() -> Any:
    from langchain_core.tracers.run_collector import RunCollectorCallbackHandler

    return RunCollectorCallbackHandler()


class _SilentClient:
    """Stands in for the LangSmith client: every call is accepted and does nothing."""

    def __getattr__(self, name: str) -> Any:
        def nothing(*args: Any, **kwargs: Any) -> None:
            return None

        return nothing


def langchain_tracer() -> Any:
    from langchain_core.tracers.langchain import LangChainTracer

    return LangChainTracer(client=_SilentClient(), project_name="handler-suite")  # type: ignore[arg-type]
