"""langchain-core's own handlers against the handler suite, with their expectations files.

Each run must pass: every failure of a handler is either fixed upstream or listed, with its
evidence, in ``tests/handlers/expectations/<handler>.xfail``.  (ConsoleCallbackHandler and
LangChainTracer are in README's table but not here: their runs print or take too long for
CI; see README, "Testing your handler".)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from run_pytest import REPO, run_pytest

EXPECTATIONS = REPO / "tests" / "handlers" / "expectations"


@pytest.mark.parametrize("name", ["stdout", "streaming_stdout", "usage", "file", "run_collector"])
def test_langchain_core_handler_meets_the_handler_suite(name: str, tmp_path: Path) -> None:
    args = [
        "--impl=langchain_core",
        f"--handler=tests.handlers.langchain_core_handlers:{name}",
        "--hypothesis-profile=ci",
        "-q",
    ]
    listed = EXPECTATIONS / f"{name}.xfail"
    if listed.exists():
        args.append(f"--expectations={listed}")
    result = run_pytest(*args, cwd=tmp_path, extra_path=REPO)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-1000:]
    assert "expected-pass" not in result.stdout, "a listed failure no longer happens"
