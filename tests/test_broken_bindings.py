"""Every clause can fail: the suite fails each broken binding on the clauses it breaks.

Each module in ``tests/broken/`` is a binding with one deliberate bug and a
literal ``EXPECTED_FAILURES`` tuple.  The suite runs against it in a fresh
interpreter, restricted to those clauses (``--clause``, with
``--clause-failfast``), at the ``ci`` profile; the JSON report must show each
of them failed (or not met, for a
SHOULD clause).  Binding modules are read with ``ast``, never imported
here: some patch the reference in place.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from run_pytest import REPO, run_pytest

from conformance.clauses import load_catalogue

BROKEN = REPO / "tests" / "broken"


def expected_failures(path: Path) -> tuple[str, ...]:
    """The module's literal ``EXPECTED_FAILURES`` (clause ids)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "EXPECTED_FAILURES" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple), f"{path.name}: EXPECTED_FAILURES must be a tuple"
            assert value, f"{path.name}: EXPECTED_FAILURES must name at least one clause"
            return tuple(str(v) for v in value)
    raise AssertionError(f"{path.name}: no EXPECTED_FAILURES = (...) at module level")


MODULES = {p.stem: p for p in sorted(BROKEN.glob("[!_]*.py"))}


def test_every_clause_is_broken_by_some_binding() -> None:
    catalogue = load_catalogue().part("implementation")  # handler clauses: broken handlers
    listed = {cid for path in MODULES.values() for cid in expected_failures(path)}
    unknown = sorted(listed - set(catalogue.clauses))
    never_failed = sorted(set(catalogue.clauses) - listed)
    assert not unknown, f"broken bindings name clauses the catalogue lacks: {unknown}"
    assert not never_failed, f"clauses no broken binding is expected to fail: {never_failed}"


def test_every_broken_binding_says_what_its_bug_is() -> None:
    for name, path in MODULES.items():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert len(docstring or "") > 40, f"{name}: describe the bug in the docstring"


@pytest.mark.parametrize("name", list(MODULES))
def test_suite_fails_the_broken_binding_on_its_clauses(name: str, tmp_path: Path) -> None:
    clauses = expected_failures(MODULES[name])
    report_path = tmp_path / "report.json"
    result = run_pytest(
        f"--impl=broken.{name}",
        *(f"--clause={cid}" for cid in clauses),
        f"--conformance-report={report_path}",
        "--hypothesis-profile=ci",
        "--clause-failfast",  # one failure per clause is the verdict; the rest is skipped
        "--conformance-timeout=30",
        "-q",
        "-p",
        "no:randomly",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    output = f"{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    assert report_path.exists(), f"the suite did not run against broken.{name}:\n{output}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    statuses = {cid: report["clauses"][cid]["status"] for cid in clauses}
    missed = {cid: s for cid, s in statuses.items() if s not in ("failed", "not met")}
    assert not missed, f"broken.{name}: these clauses did not fail: {missed}\n{output}"
    must = [cid for cid in clauses if report["clauses"][cid]["level"] == "MUST"]
    if must:
        assert result.returncode == 1, f"a failed MUST clause fails the run\n{output}"


def test_an_edit_the_reference_no_longer_allows_is_reported_by_name() -> None:
    # A broken binding written as an edit of the reference must not silently
    # become the reference when the edited text disappears or doubles.
    from broken._mutation import StaleMutation, edited

    from reference.managers import check_custom_event

    with pytest.raises(StaleMutation, match=r"check_custom_event: .* found 0 times: 'no such'"):
        edited(check_custom_event, ("no such", "text"))
    with pytest.raises(StaleMutation, match=r"found [2-9] times: 'kwargs'"):
        edited(check_custom_event, ("kwargs", "keyword_arguments"))
    rewritten = edited(check_custom_event, ("if kwargs:", "if not kwargs:"))
    with pytest.raises(ValueError, match="no extra keyword"):
        rewritten({})  # the edit took effect
    check_custom_event({})  # and the reference's own function is untouched
