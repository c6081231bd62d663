"""The kit's code stays ruff-clean and type-checks under mypy --strict."""

from __future__ import annotations

import subprocess
import sys

from run_pytest import REPO


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_ruff_lint_and_format_are_clean() -> None:
    lint = _tool("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _tool("ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_strict_on_reference_and_conformance() -> None:
    result = _tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
