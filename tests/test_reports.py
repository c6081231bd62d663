"""What a user reads after a run: clause listing and selection, per-clause summary and
JSON report, SHOULD levels and --strict, expectations by clause, failure reports,
time limits, profiles and pytest-xdist."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from run_pytest import REPO, run_pytest

from conformance.clauses import load_catalogue

# Bindings written into the test's directory.  Each is the reference with one bug.
REVERSED = """
from reference import *
import reference.dispatch, reference.managers, reference.runs
_deliver = reference.dispatch.handle_event
def handle_event(handlers, *args, **kwargs):
    _deliver(list(handlers)[::-1], *args, **kwargs)
reference.managers.handle_event = reference.runs.handle_event = handle_event
"""

# Registers a new configure hook on every use, as langchain-core 1.7 does (#32300):
# breaks the SHOULD clause UCB-05 only.
LEAKY = """
from contextlib import contextmanager
from contextvars import ContextVar
from reference import *
import reference.hooks
@contextmanager
def get_usage_metadata_callback(name="usage_metadata_callback"):
    var = ContextVar(name, default=())
    reference.hooks.register_configure_hook(var, inheritable=True)
    handler = UsageMetadataCallbackHandler()
    token = var.set((handler,))
    try:
        yield handler
    finally:
        var.reset(token)
"""

HANGING = """
import threading
from reference import *
import reference
class CallbackManager(reference.CallbackManager):
    def on_chain_start(self, *args, **kwargs):
        threading.Event().wait()  # a lock that is never released
"""


def _binding(tmp_path: Path, name: str, source: str) -> str:
    (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    return f"--impl={name}"


def _report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _statuses(report: dict[str, Any]) -> dict[str, str]:
    return {cid: c["status"] for cid, c in report["clauses"].items()}


def test_clauses_option_lists_the_catalogue_without_running_anything(run_in_tmp: Any) -> None:
    result = run_in_tmp("--clauses")
    assert result.returncode == 0, result.stderr
    assert "ORDER-01    MUST" in result.stdout
    assert "MERGE-06    SHOULD" in result.stdout
    assert " passed in " not in result.stdout


def test_clause_option_runs_only_the_tests_of_that_clause(run_in_tmp: Any, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = run_in_tmp(
        "--impl=reference", "--clause=SURF-02", f"--conformance-report={report_path}"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    statuses = _statuses(_report(report_path))
    assert statuses.pop("SURF-02") == "passed"
    assert set(statuses.values()) == {"not selected"}
    assert "deselected" in result.stdout


def test_clause_option_takes_an_area(run_in_tmp: Any, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = run_in_tmp("--impl=reference", "--clause=copy", f"--conformance-report={report_path}")
    assert result.returncode == 0, result.stdout + result.stderr
    ran = {cid for cid, s in _statuses(_report(report_path)).items() if s != "not selected"}
    assert ran == {"COPY-01", "COPY-02"}


def test_unknown_clause_is_one_clear_line(run_in_tmp: Any) -> None:
    result = run_in_tmp("--impl=reference", "--clause=NOPE-99")
    assert result.returncode == 4
    assert "ERROR: --clause: no clause or area 'NOPE-99'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_report_names_implementation_kit_and_catalogue(run_in_tmp: Any, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    run_in_tmp("--impl=reference", "--clause=SURF-02", f"--conformance-report={report_path}")
    report = _report(report_path)
    assert report["implementation"]["name"] == "reference"
    assert report["implementation"]["version"] == "0.1.0"
    assert report["implementation"]["file"].endswith("__init__.py")
    assert report["kit"] == {"name": "callbacks-conformance", "version": "0.1.0"}
    assert report["catalogue_version"] == load_catalogue().version
    assert report["summary"]["MUST"]["passed"] == 1
    assert report["clauses"]["SURF-02"]["tests"] == {"passed": 2}


def test_summary_counts_clauses_per_level(run_in_tmp: Any, tmp_path: Path) -> None:
    result = run_in_tmp(_binding(tmp_path, "reversed_binding", REVERSED), "--clause=ORDER")
    assert result.returncode == 1
    assert "callbacks conformance: reversed_binding" in result.stdout
    assert "MUST   clauses (" in result.stdout
    assert "failed        ORDER-01 (MUST): A CallbackManager delivers" in result.stdout


def test_should_failure_is_reported_without_failing_the_run(
    run_in_tmp: Any, tmp_path: Path
) -> None:
    report_path = tmp_path / "report.json"
    impl = _binding(tmp_path, "leaky_binding", LEAKY)
    result = run_in_tmp(impl, "--clause=UCB-05", f"--conformance-report={report_path}", "-rx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _statuses(_report(report_path))["UCB-05"] == "not met"
    assert "not met       UCB-05 (SHOULD)" in result.stdout
    assert "SHOULD not met (UCB-05)" in result.stdout


def test_strict_makes_a_should_failure_fail_the_run(run_in_tmp: Any, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    impl = _binding(tmp_path, "leaky_binding", LEAKY)
    result = run_in_tmp(impl, "--clause=UCB-05", f"--conformance-report={report_path}", "--strict")
    assert result.returncode == 1, result.stdout + result.stderr
    assert _statuses(_report(report_path))["UCB-05"] == "failed"
    assert _report(report_path)["strict"] is True


def test_expectation_by_clause_id_turns_its_failures_into_expected_ones(
    run_in_tmp: Any, tmp_path: Path
) -> None:
    report_path = tmp_path / "report.json"
    expectations = tmp_path / "known.txt"
    expectations.write_text("ORDER-01: handlers run backwards; see our issue 12\n")
    result = run_in_tmp(
        _binding(tmp_path, "reversed_binding", REVERSED),
        "--clause=ORDER-01",
        f"--expectations={expectations}",
        f"--conformance-report={report_path}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _statuses(_report(report_path))["ORDER-01"] == "expected-fail"
    assert "xfailed" in result.stdout


def test_clause_expected_to_fail_that_passes_is_reported(run_in_tmp: Any, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    expectations = tmp_path / "known.txt"
    expectations.write_text("ORDER-01: fixed since?\nNOPE-01: stale entry\n")
    result = run_in_tmp(
        "--impl=reference",
        "--clause=ORDER-01",
        f"--expectations={expectations}",
        f"--conformance-report={report_path}",
    )
    assert _statuses(_report(report_path))["ORDER-01"] == "expected-pass"
    assert "expected-pass ORDER-01 (MUST)" in result.stdout
    assert "entry 'NOPE-01'" in result.stdout
    assert "matched no test" in result.stdout


def test_failure_report_starts_with_the_clause_and_ends_with_events_and_reproduction(
    run_in_tmp: Any, tmp_path: Path
) -> None:
    result = run_in_tmp(
        _binding(tmp_path, "reversed_binding", REVERSED),
        "--clause=ORDER-01",
        "-x",
        "-vv",  # the short summary line keeps its message however wide
        "-k",
        "sync-handler-on_chain_start",
    )
    out = result.stdout
    assert result.returncode == 1
    header = out.index("clause ORDER-01 (MUST): A CallbackManager delivers each event")
    assertion = out.index("AssertionError")
    events = out.index("conformance: events the test's handlers received")
    repro = out.index("conformance: reproduce")
    assert header < assertion < events < repro, out
    assert "h3.on_chain_start(" in out[events:repro]
    assert "python -m pytest --impl=reversed_binding" in out[repro:]
    assert (
        "test_dispatch.py::test_sync_manager_calls_handlers_in_registration_order[" in out[repro:]
    )
    assert "- [ORDER-01] AssertionError" in out, "the short summary names the clause"


def test_reproduction_steps_rebuild_the_calls_with_the_binding(tmp_path: Path) -> None:
    # The steps include the test's own calls on the run manager, and values
    # of the binding's data types are written as impl.Name(...).
    result = run_pytest(
        "--impl=broken.async_token_chunk_dropped",
        "--clause=PAYLOAD-04",
        "-x",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    steps = out[out.index("What the test did") :].splitlines()
    assert "  import broken.async_token_chunk_dropped as impl" in steps
    assert "  from conformance.recording import recorders" in steps
    start = steps.index("  async def main() -> None:")
    expected = [
        "      manager = impl.AsyncCallbackManager(handlers=[Recorder('h')])",
        "      runs = await manager.on_llm_start({'name': 'conformance'}, ['a prompt'])",
        "      run_manager = runs[0]",
        "      await run_manager.on_llm_new_token('tok', chunk=impl.Generation(text='tok'))",
    ]
    assert steps[start + 1 : start + 5] == expected, steps
    assert "  asyncio.run(main())" in steps


def test_property_failure_shows_the_shrunk_example_and_a_replay_command(
    run_in_tmp: Any, tmp_path: Path
) -> None:
    result = run_in_tmp(
        _binding(tmp_path, "reversed_binding", REVERSED),
        "--clause=ORDER-01",
        "--hypothesis-profile=ci",
        "-x",
        "-k",
        "test_sync_manager_delivers_to_random_handler_sets",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "Failing test case" in out or "Falsifying example" in out, out[-3000:]
    assert "Draw 1 (handlers)" in out, "draws are labelled"
    # A command replays the example; nobody is told to edit the installed kit.
    assert "@reproduce_failure" not in out
    assert "--conformance-replay=" in out


def test_a_binding_that_deadlocks_fails_the_test_instead_of_hanging(
    run_in_tmp: Any, tmp_path: Path
) -> None:
    began = time.monotonic()
    result = run_in_tmp(
        _binding(tmp_path, "hanging_binding", HANGING),
        "--conformance-timeout=2",
        "-k",
        "test_single_run_start_uses_given_or_fresh_run_id and on_chain_start and CallbackManager-",
    )
    assert time.monotonic() - began < 60
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ConformanceTimeout: the test ran longer than 2 s" in result.stdout
    assert "1 failed" in result.stdout


def test_profiles_are_chosen_with_hypothesis_profile(run_in_tmp: Any) -> None:
    default = run_in_tmp("--impl=reference", "--clause=SURF-02")
    ci = run_in_tmp("--impl=reference", "--clause=SURF-02", "--hypothesis-profile=ci")
    thorough = run_in_tmp("--impl=reference", "--clause=SURF-02", "--hypothesis-profile=thorough")
    assert "hypothesis profile: dev (max_examples=50, derandomize=False)" in default.stdout
    assert "hypothesis profile: ci (max_examples=50, derandomize=True)" in ci.stdout
    assert "hypothesis profile: thorough (max_examples=500, derandomize=False)" in thorough.stdout


def test_a_ci_service_makes_ci_the_default_profile(run_in_tmp: Any) -> None:
    # Hypothesis derandomizes under a CI service; the suite keeps that intent.
    in_ci = run_in_tmp("--impl=reference", "--clause=SURF-02", env={"CI": "true"})
    thorough = run_in_tmp(
        "--impl=reference", "--clause=SURF-02", "--hypothesis-profile=thorough", env={"CI": "1"}
    )
    assert "hypothesis profile: ci (max_examples=50, derandomize=True)" in in_ci.stdout
    # An explicit profile is taken as written, CI or not.
    assert "hypothesis profile: thorough (max_examples=500, derandomize=False)" in thorough.stdout


def test_pytest_xdist_gives_the_same_clause_results(run_in_tmp: Any, tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial.json", tmp_path / "parallel.json"
    impl = _binding(tmp_path, "reversed_binding", REVERSED)
    run_in_tmp(impl, "--clause=ORDER-01", "--clause=STATE-01", f"--conformance-report={serial}")
    result = run_in_tmp(
        impl,
        "--clause=ORDER-01",
        "--clause=STATE-01",
        f"--conformance-report={parallel}",
        "-n",
        "2",
    )
    assert _statuses(_report(parallel)) == _statuses(_report(serial))
    assert (
        _report(parallel)["clauses"]["ORDER-01"]["tests"]
        == (_report(serial)["clauses"]["ORDER-01"]["tests"])
    )
    assert "clause ORDER-01 (MUST)" in result.stdout, "failure headers survive xdist"


def test_clause_failfast_skips_the_rest_of_a_failed_clause(run_in_tmp: Any, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = run_in_tmp(
        _binding(tmp_path, "reversed_binding", REVERSED),
        "--clause=ORDER-01",
        "--clause=STATE-01",
        "--clause-failfast",
        f"--conformance-report={report_path}",
        "-p",
        "no:randomly",
    )
    report = _report(report_path)
    assert report["clauses"]["ORDER-01"]["status"] == "failed"
    # Under --clause, a test that also checks clauses outside the selection (the
    # property test of ORDER-01) is skipped too once ORDER-01 has failed.
    assert report["clauses"]["ORDER-01"]["tests"]["failed"] == 1
    assert report["clauses"]["ORDER-01"]["tests"]["skipped"] > 10
    assert report["clauses"]["STATE-01"]["status"] == "passed", "other clauses run in full"
    assert "skipped" in result.stdout.splitlines()[-1]
