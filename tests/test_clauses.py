"""The clause catalogue: its own rules, every test tagged, every clause tested, SPEC.md current."""

from __future__ import annotations

import ast
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from run_pytest import REPO

from conformance.clauses import (
    CATALOGUE_PATH,
    INHERITANCE_TABLE,
    CatalogueError,
    load_catalogue,
    render_listing,
    render_spec,
)

SUITE = REPO / "conformance" / "suite"
HANDLER_SUITE = REPO / "conformance" / "handler_suite"

#: Each catalogue version and a digest of its clauses (id, level, text).
#: Reports carry the version so that results can be compared across kits:
#: a version must always mean the same clauses.  Adding clauses takes a new
#: minor version; changing what a clause says, its level, or removing it
#: takes a new major version.  Ids are never reused.
RELEASED = {
    "1.0": "795f2eab0a534bc4",
    "1.1": "74eea1b81edff941",  # RUN-05 added
    # ERROR-03, USAGE-03 and CUSTOM-02 made implementation-defined (USAGE-08 split off);
    # ASYNC-05 (end events of a cancelled caller), CTX-01/02 (context variables handlers set)
    # and the handler clauses (HSURF ... HASYNC) added.
    "2.0": "ebc8132e027d52bc",
    "2.1": "18edfa91ff8cd246",  # STATE-08 (managers built from shared lists) added
    "2.2": "25ff1a0bba61312c",  # CONF-08 (what configure takes from a local manager) added
    # Worded to state what the suite checks, found by an implementation written from
    # SPEC.md alone: ERROR-01/04 (the warning includes the exception's message),
    # STATE-01/06 (what inherit=False leaves alone), ORDER-01 and ASYNC-05 (the orders
    # and timings left to the implementation).
    "3.0": "852dfbe879607637",
}


def catalogue_digest(data: dict[str, Any]) -> str:
    entries = sorted(data["clauses"], key=lambda c: c["id"])
    body = "\n".join(f"{c['id']}\t{c['level']}\t{c['text']}" for c in entries)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _clause_marks(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Clause ids named by ``@pytest.mark.clause(...)`` decorators (string literals only)."""
    ids: list[str] = []
    for decorator in function.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "clause"
        ):
            ids.extend(a.value for a in decorator.args if isinstance(a, ast.Constant))
    return ids


def suite_tests() -> dict[str, list[str]]:
    """``file::test`` -> clause ids, for every module-level test function of the suite."""
    found: dict[str, list[str]] = {}
    for path in sorted([*SUITE.glob("test_*.py"), *HANDLER_SUITE.glob("test_*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
                "test_"
            ):
                found[f"{path.name}::{node.name}"] = _clause_marks(node)
    return found


def test_catalogue_loads_and_keeps_its_own_rules() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.clauses) >= 60
    assert {c.level for c in catalogue.clauses.values()} == {"MUST", "SHOULD"}
    assert all(catalogue.in_area(a.key) for a in catalogue.areas), "an area without clauses"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["clauses"].append(dict(d["clauses"][0])), "listed twice"),
        (lambda d: d["clauses"][0].update(level="MAY"), "level must be"),
        (lambda d: d["clauses"][0].update(id="NOPE-01"), "is not declared"),
        (lambda d: d["clauses"][0].update(id="SURF-1"), "AREA-NN"),
        (lambda d: d["clauses"][0].update(source=" "), "required"),
    ],
    ids=["duplicate", "level", "area", "id-shape", "no-source"],
)
def test_catalogue_errors_name_the_clause(tmp_path: Path, change: object, message: str) -> None:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    broken = tmp_path / "clauses.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(broken)


def test_a_catalogue_version_always_means_the_same_clauses() -> None:
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    version, digest = str(data["version"]), catalogue_digest(data)
    assert RELEASED.get(version) == digest, (
        f"the clauses of catalogue version {version} changed (digest {digest}): "
        "give the catalogue a new version (minor: clauses added; major: a clause "
        "changed or removed) and add it to RELEASED"
    )
    assert list(RELEASED)[-1] == version, "the catalogue's version is the latest released"


def test_every_suite_test_names_known_clauses() -> None:
    catalogue = load_catalogue()
    tests = suite_tests()
    untagged = [name for name, ids in tests.items() if not ids]
    unknown = {name: ids for name, ids in tests.items() if any(i not in catalogue for i in ids)}
    assert not untagged, f"tests without @pytest.mark.clause: {untagged}"
    assert not unknown, f"tests naming clauses the catalogue does not have: {unknown}"


def test_every_clause_has_a_test() -> None:
    tested = {cid for ids in suite_tests().values() for cid in ids}
    untested = sorted(set(load_catalogue().clauses) - tested)
    assert not untested, f"clauses no suite test names: {untested}"


def test_spec_md_is_rendered_from_the_current_catalogue() -> None:
    spec = (REPO / "SPEC.md").read_text(encoding="utf-8")
    assert spec == render_spec(load_catalogue()), (
        "SPEC.md is stale: run `python -m conformance.clauses > SPEC.md`"
    )


def test_listing_names_every_clause_once() -> None:
    listing = render_listing(load_catalogue())
    for cid in load_catalogue().clauses:
        assert listing.count(f" {cid} ") == 1, cid


def test_every_row_of_the_inheritance_table_is_checked_by_a_suite_test() -> None:
    from conformance.suite.test_inheritance import ROW_CLAUSE

    unchecked = [row for row in INHERITANCE_TABLE if row[1].strip("`") not in ROW_CLAUSE]
    assert not unchecked, f"SPEC.md table rows no suite test checks (see ROW_CLAUSE): {unchecked}"
