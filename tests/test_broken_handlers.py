"""Every handler clause can fail: the handler suite fails each broken handler on the clauses
its bug breaks, and passes a correct handler under both built-in implementations.

Each module in ``tests/broken_handlers/`` defines ``Handler`` (one realistic bug, said in
its docstring) and a literal ``EXPECTED_FAILURES``.  The suite runs against it in a fresh
interpreter at the ``ci`` profile with ``--strict`` (so SHOULD clauses fail too); the JSON
report must show exactly those clauses failed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from run_pytest import REPO, run_pytest
from test_broken_bindings import expected_failures

from conformance.clauses import load_catalogue

BROKEN = REPO / "tests" / "broken_handlers"
MODULES = {p.stem: p for p in sorted(BROKEN.glob("[!_]*.py"))}


def handler_suite(spec: str, tmp_path: Path, *extra: str) -> tuple[dict[str, str], str]:
    report = tmp_path / "report.json"
    result = run_pytest(
        f"--handler={spec}",
        "--hypothesis-profile=ci",
        "--strict",
        f"--conformance-report={report}",
        "-q",
        *extra,
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    output = result.stdout[-4000:] + result.stderr[-2000:]
    assert report.exists(), output
    document = json.loads(report.read_text(encoding="utf-8"))
    return {cid: c["status"] for cid, c in document["clauses"].items()}, output


def test_every_handler_clause_is_broken_by_some_handler() -> None:
    handler_clauses = load_catalogue().in_part("handler")
    listed = {cid for path in MODULES.values() for cid in expected_failures(path)}
    assert listed <= handler_clauses, sorted(listed - handler_clauses)
    assert handler_clauses <= listed, f"never failed: {sorted(handler_clauses - listed)}"


@pytest.mark.parametrize("name", list(MODULES))
def test_the_handler_suite_fails_the_broken_handler_on_its_clauses(
    name: str, tmp_path: Path
) -> None:
    statuses, output = handler_suite(f"broken_handlers.{name}:Handler", tmp_path)
    failed = {cid for cid, status in statuses.items() if status == "failed"}
    assert failed == set(expected_failures(MODULES[name])), output


@pytest.mark.parametrize("impl", ["reference", "langchain_core"])
def test_a_correct_handler_passes_under_both_implementations(impl: str, tmp_path: Path) -> None:
    statuses, output = handler_suite("broken_handlers._tracer:Tracer", tmp_path, f"--impl={impl}")
    assert set(statuses.values()) <= {"passed", "not run"}, output
    assert statuses["HROBUST-01"] == "passed"


def test_a_failure_shows_the_handlers_traceback_and_a_replayable_stream(tmp_path: Path) -> None:
    _, output = handler_suite(
        "broken_handlers.first_generation_assumed:Handler", tmp_path, "--clause=HROBUST-02"
    )
    assert "IndexError" in output
    assert "first_generation_assumed.py" in output  # the handler's own frame
    assert "def main():" in output
    assert "on_llm_end(LLMResult(" in output


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("broken_handlers._tracer", "expected MODULE:FACTORY"),
        ("no_such_module_here:Handler", "no module named"),
        ("broken_handlers._tracer:Nope", "has no 'Nope'"),
        ("json:dumps", "raised TypeError"),
        ("builtins:object", "not a callback handler"),
    ],
)
def test_bad_handler_specs_get_one_line_and_exit_4(spec: str, words: str, tmp_path: Path) -> None:
    result = run_pytest(f"--handler={spec}", cwd=tmp_path, extra_path=REPO / "tests")
    assert result.returncode == 4, result.stdout[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, result.stderr
    assert words in errors[0]
    assert "Traceback" not in result.stderr
