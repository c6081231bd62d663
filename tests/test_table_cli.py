"""``python -m conformance table``: runs side by side, a footnote per cell that is not a pass,
and one located line (exit 2) for a file that is not a report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPORTS = Path(__file__).parent / "data" / "reports"


def table(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "conformance", "table", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def rows(markdown: str) -> dict[str, list[str]]:
    found = {}
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| clause"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            found[cells[0]] = cells[1:]
    return found


def test_runs_side_by_side_with_a_column_per_report() -> None:
    result = table(str(REPORTS / "myport-0.1.json"), str(REPORTS / "myport-0.2.json"))
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert header == "| clause | myport 0.1 | myport 0.2 |"
    got = rows(result.stdout)
    assert got["USAGE-01 MUST"] == ["pass", "not run"]
    assert got["ORDER-01 MUST"][0].startswith("**FAIL** [")
    assert got["ORDER-01 MUST"][1].startswith("xfail [")
    assert got["MERGE-06 SHOULD"][0].startswith("not met [")
    assert got["SURF-01 MUST"][0].startswith("not run [")
    # a clause only the newer catalogue has is a dash where it is unknown
    assert got["HSURF-01 MUST"] == ["—", "pass"]


def test_every_cell_that_is_not_a_pass_has_its_reason() -> None:
    out = table(str(REPORTS / "myport-0.1.json"), str(REPORTS / "myport-0.2.json")).stdout
    notes = [line for line in out.splitlines() if line[:1].isdigit()]
    assert any(
        "ORDER-01 on myport 0.1" in n
        and "test_order[a]" in n
        and "(+1 more)" in n
        and "handlers called in reverse order" in n
        for n in notes
    ), notes
    assert any(
        "SURF-01 on myport 0.1: not run: missing: UsageMetadataCallbackHandler" in n for n in notes
    )
    assert any("ORDER-01 on myport 0.2" in n and "known: issue 12" in n for n in notes)
    assert len(notes) == 4  # a skipped clause without missing names has no footnote


def test_same_heading_twice_is_told_apart_by_file_name(tmp_path: Path) -> None:
    copy = tmp_path / "again.json"
    copy.write_text((REPORTS / "myport-0.1.json").read_text(encoding="utf-8"), encoding="utf-8")
    out = table(str(REPORTS / "myport-0.1.json"), str(copy)).stdout
    assert (
        out.splitlines()[0] == "| clause | myport 0.1 (myport-0.1.json) | myport 0.1 (again.json) |"
    )


def test_a_real_run_renders(tmp_path: Path) -> None:
    report = tmp_path / "reference.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--impl=reference",
            "--clause=SURF",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--conformance-report={report}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    out = table(str(report)).stdout
    assert "| SURF-01 MUST | pass |" in out


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot be read"),
        ("{not json", "line 1: not JSON"),
        ("[1, 2]", "not a conformance report"),
        ('{"clauses": {"X-01": {"level": "MUST"}}}', "not a conformance report"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_a_report_gets_one_located_line(
    tmp_path: Path, content: str | bytes | None, problem: str
) -> None:
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = table(str(REPORTS / "myport-0.1.json"), str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert str(path) in lines[0]
    assert problem in lines[0]


def test_the_same_reason_in_several_runs_is_one_footnote(tmp_path: Path) -> None:
    copy = tmp_path / "myport-0.1-again.json"
    text = (REPORTS / "myport-0.1.json").read_text(encoding="utf-8")
    copy.write_text(text.replace('"version": "0.1"', '"version": "0.1.1"'), encoding="utf-8")
    out = table(str(REPORTS / "myport-0.1.json"), str(copy)).stdout
    got = rows(out)
    assert got["ORDER-01 MUST"][0] == got["ORDER-01 MUST"][1]
    notes = [line for line in out.splitlines() if line[:1].isdigit()]
    assert any("ORDER-01 on myport 0.1, myport 0.1.1: FAIL" in n for n in notes), notes


def test_hide_passing_keeps_only_rows_with_something_to_say() -> None:
    out = table("--hide-passing", str(REPORTS / "myport-0.1.json")).stdout
    got = rows(out)
    assert "USAGE-01 MUST" not in got
    assert "ORDER-01 MUST" in got
    assert "1 more clauses pass in every run." in out
