"""The suite passes on both built-in implementations (langchain-core with its expectations)."""

from __future__ import annotations

import pytest
from run_pytest import REPO, run_pytest


@pytest.mark.parametrize("impl", ["reference", "langchain_core"])
def test_suite_passes(impl: str) -> None:
    # Against the reference, the leakcheck plugin also fails any test that
    # leaves a thread, an event loop or an active configure hook behind.
    leakcheck = ["-p", "leakcheck"] if impl == "reference" else []
    result = run_pytest(
        f"--impl={impl}",
        "-q",
        "-p",
        "no:randomly",
        "--hypothesis-profile=ci",
        *leakcheck,
        cwd=REPO,
        extra_path=REPO / "tests",
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, (
        f"--impl={impl}: {summary}\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
    )
    if impl == "reference":
        assert "xfail" not in summary, "the reference has no known failures"
