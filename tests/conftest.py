"""Fixtures of the kit's own tests."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from run_pytest import run_pytest


@pytest.fixture
def run_in_tmp(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_in_tmp(*args)`` runs pytest in an empty directory that can hold bindings."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return run_pytest(*args, cwd=tmp_path, extra_path=tmp_path, env_overrides=env)

    return run
