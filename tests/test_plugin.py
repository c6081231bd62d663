"""The pytest plugin as users meet it: --impl, collection, clear errors, expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from run_pytest import REPO, run_pytest


def test_without_impl_the_plugin_adds_nothing(run_in_tmp: Any, tmp_path: Path) -> None:
    (tmp_path / "test_mine.py").write_text("def test_mine():\n    pass\n")
    result = run_in_tmp("-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_impl_collects_the_suite_from_the_installed_kit(run_in_tmp: Any, tmp_path: Path) -> None:
    (tmp_path / "test_mine.py").write_text("def test_mine():\n    pass\n")
    result = run_in_tmp("--impl=reference", "-q", "-k", "test_is_async_tells_the_manager_kind")
    assert result.returncode == 0, result.stdout + result.stderr
    # only the suite is collected when no paths are given: the user's test is not
    assert "1 passed" in result.stdout
    assert "deselected" in result.stdout


def test_report_header_names_implementation_version_and_file(run_in_tmp: Any) -> None:
    result = run_in_tmp("--impl=reference", "-k", "test_is_async_tells_the_manager_kind")
    assert "callbacks conformance: --impl=reference 0.1.0 (" in result.stdout


def test_unknown_impl_is_one_clear_line(run_in_tmp: Any) -> None:
    result = run_in_tmp("--impl=not_a_module")
    assert result.returncode == 4
    assert "ERROR: --impl=not_a_module: no module named 'not_a_module'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_module_with_no_binding_name_stops_the_run_at_start(
    run_in_tmp: Any, tmp_path: Path
) -> None:
    (tmp_path / "tiny.py").write_text("x = 1\n")
    result = run_in_tmp("--impl=tiny")
    assert result.returncode == 4
    assert "exposes none of the 15 binding names" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_partial_binding_runs_what_it_can(run_in_tmp: Any, tmp_path: Path) -> None:
    (tmp_path / "half.py").write_text(
        "from reference import *  # noqa: F403\n"
        "del UsageMetadataCallbackHandler, get_usage_metadata_callback  # noqa: F821\n"
    )
    report_path = tmp_path / "report.json"
    result = run_in_tmp(
        "--impl=half",
        *(f"--clause={area}" for area in ("SURF", "USAGE", "UCB", "ORDER", "ERROR")),
        f"--conformance-report={report_path}",
        "--hypothesis-profile=ci",
        "-rs",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # SURF-01 fails for the two missing names
    assert "Traceback" not in output
    assert (
        "partial binding: missing 2 of the binding names: "
        "UsageMetadataCallbackHandler, get_usage_metadata_callback" in result.stdout
    )
    summary = result.stdout.split("callbacks conformance: half")[1]
    assert "failed        SURF-01 (MUST)" in summary
    assert "not run       USAGE-02 (MUST)" in summary
    assert "not run (missing: UsageMetadataCallbackHandler)" in summary
    assert "not run (missing: get_usage_metadata_callback)" in summary
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["implementation"]["missing"] == [
        "UsageMetadataCallbackHandler",
        "get_usage_metadata_callback",
    ]
    clauses = report["clauses"]
    assert clauses["SURF-01"]["status"] == "failed"
    assert clauses["USAGE-03"]["status"] == "not run"
    assert clauses["USAGE-03"]["missing"] == ["UsageMetadataCallbackHandler"]
    assert clauses["UCB-01"]["missing"] == ["get_usage_metadata_callback"]
    # the clauses that need neither name ran and passed
    assert clauses["ORDER-01"]["status"] == "passed"
    assert clauses["ERROR-01"]["status"] == "passed"
    assert "missing" not in clauses["ORDER-01"]


def test_inside_this_repo_nothing_is_collected_twice() -> None:
    once = run_pytest("--impl=reference", "--collect-only", "-q", cwd=REPO)
    twice = run_pytest("--impl=reference", "--collect-only", "-q", "conformance/suite", cwd=REPO)

    def collected(output: str) -> list[str]:
        return [line.split(" in ")[0] for line in output.splitlines() if "tests collected" in line]

    assert collected(once.stdout)
    assert collected(once.stdout) == collected(twice.stdout)


def test_expectations_file_marks_strict_expected_failures(run_in_tmp: Any, tmp_path: Path) -> None:
    expectations = tmp_path / "known.xfail"
    expectations.write_text(
        "# a comment\n"
        "test_is_async_tells_the_manager_kind: pretend it is known to fail\n"
        "test_that_does_not_exist: stale entry\n"
    )
    result = run_in_tmp(
        "--impl=reference",
        f"--expectations={expectations}",
        "-k",
        "test_is_async_tells_the_manager_kind",
    )
    # the listed test passes, so strict xfail turns it into a failure: stale knowledge is loud
    assert result.returncode == 1
    assert "XPASS(strict)" in result.stdout
    assert "'test_that_does_not_exist'" in result.stdout
    assert "matched no test" in result.stdout


def test_expectations_entry_without_reason_is_rejected(run_in_tmp: Any, tmp_path: Path) -> None:
    expectations = tmp_path / "bad.xfail"
    expectations.write_text("test_is_async_tells_the_manager_kind\n")
    result = run_in_tmp("--impl=reference", f"--expectations={expectations}")
    assert result.returncode == 4
    assert f"{expectations}:1: expected 'TEST_NAME: reason'" in result.stderr


def test_quick_start_main_job_runs_without_the_test_extra() -> None:
    # README's first command installs the kit without its test extra, so
    # pytest-asyncio (whose option pyproject.toml sets) is missing; with
    # filterwarnings = error an unknown option must not stop the run.
    result = run_pytest(
        "-p", "no:asyncio", "-p", "no:xdist", "--impl=reference", "--clause=SURF-02", cwd=REPO
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout
