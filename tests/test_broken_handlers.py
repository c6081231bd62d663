"""Every handler clause can fail: the handler suite fails each broken handler on its clauses.

Each module of ``tests/broken_handlers/`` (but ``tracers``, the correct
tracer they derive from) defines a factory ``make`` with one deliberate bug
and a literal ``EXPECTED_FAILURES``.  The handler suite runs on it in a
fresh interpreter, restricted to those clauses, at the ``ci`` profile; the
JSON report must show each failed (or not met, for a SHOULD clause), and the
report must show the handler's own exception and the stream as code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from run_pytest import REPO, run_pytest
from test_broken_bindings import expected_failures

from conformance.clauses import load_catalogue

BROKEN = REPO / "tests" / "broken_handlers"
MODULES = {p.stem: p for p in sorted(BROKEN.glob("[!_]*.py")) if p.stem != "tracers"}


def test_every_handler_clause_is_failed_by_some_broken_handler() -> None:
    catalogue = load_catalogue().part("handler")
    listed = {cid for path in MODULES.values() for cid in expected_failures(path)}
    unknown = sorted(listed - set(catalogue.clauses))
    never_failed = sorted(set(catalogue.clauses) - listed)
    assert not unknown, f"broken handlers name clauses that are not handler clauses: {unknown}"
    assert not never_failed, (
        f"handler clauses no broken handler is expected to fail: {never_failed}"
    )


def test_every_broken_handler_says_what_its_bug_is() -> None:
    import ast

    for name, path in MODULES.items():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert len(docstring or "") > 40, f"{name}: describe the bug in the docstring"


@pytest.mark.parametrize("name", list(MODULES))
def test_handler_suite_fails_the_broken_handler_on_its_clauses(name: str, tmp_path: Path) -> None:
    clauses = expected_failures(MODULES[name])
    report_path = tmp_path / "report.json"
    result = run_pytest(
        f"--handler=broken_handlers.{name}:make",
        *(f"--clause={cid}" for cid in clauses),
        f"--conformance-report={report_path}",
        "--hypothesis-profile=ci",
        "--clause-failfast",
        "--conformance-timeout=60",
        "-p",
        "no:randomly",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    output = f"{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert report_path.exists(), f"the handler suite did not run on {name}:\n{output}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    statuses = {cid: report["clauses"][cid]["status"] for cid in clauses}
    missed = {cid: s for cid, s in statuses.items() if s not in ("failed", "not met")}
    assert not missed, f"broken_handlers.{name}: these clauses did not fail: {missed}\n{output}"
    must = [cid for cid in clauses if report["clauses"][cid]["level"] == "MUST"]
    if not must:
        return  # a SHOULD clause not met is an expected failure: pytest shows no report
    assert result.returncode == 1, f"a failed MUST clause fails the run\n{output}"
    # The report names the clause first, and shows the handler's exception with its
    # traceback and the stream as code (an HSURF message names the method instead).
    assert f"clause {must[0]}" in result.stdout, output
    if any(cid.startswith(("HROBUST", "HCONC", "HISOL")) for cid in clauses):
        assert "as code; run it to reproduce" in result.stdout, output
        assert "def play" in result.stdout, output
        assert "handler = factory()" in result.stdout, output
    if any(cid.startswith(("HROBUST", "HCONC")) for cid in clauses):
        assert "Tracer.on_" in result.stdout, f"the handler's method is not named\n{output}"
        assert "Traceback (most recent call last)" in result.stdout, f"no traceback\n{output}"
