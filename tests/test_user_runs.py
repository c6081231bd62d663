"""No surprises in a user's own runs: what the kit changes (nothing, without --impl), what it
leaves behind (nothing), and how it treats odd --impl values, report paths and stray threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from run_pytest import CI_VARIABLES, REPO

Run = Callable[..., subprocess.CompletedProcess[str]]

USER_TEST = """
from hypothesis import HealthCheck, given, settings, strategies as st

@given(st.integers())
def test_users_own_property(n):
    current = settings()
    assert current.max_examples == 100, current.max_examples
    assert HealthCheck.function_scoped_fixture not in current.suppress_health_check
"""


def test_without_impl_a_users_hypothesis_settings_are_untouched_even_in_ci(
    run_in_tmp: Run, tmp_path: Path
) -> None:
    (tmp_path / "test_mine.py").write_text(USER_TEST, encoding="utf-8")
    result = run_in_tmp("-q", env={"CI": "true"})
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 passed" in result.stdout


def test_a_suite_run_leaves_no_hypothesis_folder(run_in_tmp: Run, tmp_path: Path) -> None:
    result = run_in_tmp("--impl=reference", "--clause=ORDER", "-q")
    assert result.returncode == 0, result.stdout[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_no_pytest_asyncio_deprecation_warning_at_start(run_in_tmp: Run) -> None:
    result = run_in_tmp("--impl=reference", "--clause=SURF-01", "-q")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "asyncio_default_fixture_loop_scope" not in result.stdout + result.stderr


def test_a_filtered_run_says_its_verdict_is_partial(run_in_tmp: Run, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = run_in_tmp("--impl=reference", "--clause=ORDER", f"--conformance-report={report}")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "partial verdict: --clause=ORDER" in result.stdout
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["partial"] is True
    assert document["selection"] == ["ORDER"]
    outside = {c: r["status"] for c, r in document["clauses"].items() if not c.startswith("ORDER")}
    # IGNORE-01 and others are named by ORDER tests too: they must not be claimed "passed".
    assert set(outside.values()) == {"not selected"}
    report.unlink()


@pytest.mark.parametrize("where", ["no-folder", "a-directory"])
def test_an_unwritable_report_path_stops_the_run_before_it_starts(
    run_in_tmp: Run, tmp_path: Path, where: str
) -> None:
    path = tmp_path / "missing" / "r.json" if where == "no-folder" else tmp_path
    result = run_in_tmp("--impl=reference", f"--conformance-report={path}")
    assert result.returncode == 4
    assert "passed" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "--conformance-report" in lines[0]


def test_an_empty_impl_gets_one_clear_line(run_in_tmp: Run) -> None:
    result = run_in_tmp("--impl=")
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert "importlib" not in result.stderr
    assert "--impl: empty" in result.stderr


BINDING = "from reference import *  # noqa: F403\n"


def test_impl_may_be_a_path_to_a_python_file(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "my_port.py").write_text(BINDING, encoding="utf-8")
    result = _bare_run([sys.executable, "-m", "pytest"], "--impl=src/my_port.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "my_port" in result.stdout


def test_a_binding_in_the_current_directory_is_found_by_the_pytest_command(
    tmp_path: Path,
) -> None:
    # `python -m pytest` puts the current directory on sys.path; the `pytest` script does not.
    (tmp_path / "my_port.py").write_text(BINDING, encoding="utf-8")
    script = Path(sys.executable).parent / "pytest"
    result = _bare_run([str(script)], "--impl=my_port", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


STUCK_BINDING = """
import threading
from reference import *  # noqa: F403

# A port whose manager module starts a background flusher and never stops it.
threading.Thread(target=threading.Event().wait, name="flusher", daemon=False).start()
"""


def test_a_binding_that_leaves_threads_running_does_not_hang_the_run(tmp_path: Path) -> None:
    (tmp_path / "stuck_port.py").write_text(STUCK_BINDING, encoding="utf-8")
    result = _bare_run([sys.executable, "-m", "pytest"], "--impl=stuck_port", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "left 1 non-daemon thread(s) running (flusher)" in result.stderr


def test_ci_removes_its_virtual_environment() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "trap " in script
    assert "rm -rf" in script


def _bare_run(pytest: list[str], impl: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``pytest`` (a command) on SURF-01 as a user would: no PYTHONPATH, no CI variables,
    so only the current directory (or the path given) can make the binding importable."""
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [*pytest, "-p", "no:cacheprovider", "-q", "--clause=SURF-01", impl],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
