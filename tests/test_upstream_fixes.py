"""No forbidden fixes: the suite passes bindings that apply fixes proposed upstream.

Where upstream has not settled a behaviour, the clause is implementation-defined
and accepts each reasonable outcome.  Each module in ``tests/upstream_fixes/`` is
the reference with one such fix applied; the whole suite must pass it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from run_pytest import REPO, run_pytest

FIXES = sorted(p.stem for p in (REPO / "tests" / "upstream_fixes").glob("[!_]*.py"))


@pytest.mark.parametrize("name", FIXES)
def test_the_suite_passes_a_proposed_upstream_fix(name: str, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = run_pytest(
        f"--impl=upstream_fixes.{name}",
        f"--conformance-report={report_path}",
        "--hypothesis-profile=ci",
        "-q",
        "-p",
        "no:randomly",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    output = f"{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    assert result.returncode == 0, f"the suite fails upstream_fixes.{name}:\n{output}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    bad = {c: r["status"] for c, r in report["clauses"].items() if r["status"] != "passed"}
    assert not bad, f"upstream_fixes.{name}: clauses not passed: {bad}"
