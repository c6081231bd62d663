"""Results of several runs side by side: ``python -m conformance table REPORT.json...``.

Each argument is a JSON report written by ``--conformance-report``.  The
output is one Markdown table, a row per clause and a column per run, headed
by the implementation's name and version (the file name when two runs would
get the same heading).  A cell is the clause's status in that run; a cell
that is not a pass carries a footnote number, and the footnotes below the
table give the first failing test and the first line of what it reported (or
the binding names a partial implementation lacks).

Clauses are listed in catalogue order; a clause that only some runs know (the
runs used different catalogue versions) is "—" where it is unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

#: status in a report -> what the cell says
_CELL = {
    "passed": "pass",
    "failed": "**FAIL**",
    "not met": "not met",
    "expected-fail": "xfail",
    "expected-pass": "XPASS",
    "not run": "not run",
    "not selected": "—",
}


class ReportError(Exception):
    """A report that cannot be read; the message names the file and the problem."""


@dataclass
class Run:
    path: Path
    heading: str
    clauses: dict[str, dict[str, Any]]


def load_run(path: Path) -> Run:
    """Read one report, checking just what the table needs."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ReportError(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ReportError(f"{path}: not UTF-8 text; expected a --conformance-report file") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(
            f"{path}: line {error.lineno}: not JSON ({error.msg}); "
            "expected a --conformance-report file"
        ) from None
    clauses = document.get("clauses") if isinstance(document, dict) else None
    if not isinstance(clauses, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("status"), str) for v in clauses.values()
    ):
        raise ReportError(f"{path}: not a conformance report (no 'clauses' with statuses)")
    impl = document.get("implementation")
    impl = impl if isinstance(impl, dict) else {}
    name = str(impl.get("name") or path.stem)
    version = impl.get("version")
    heading = f"{name} {version}" if version else name
    return Run(path, heading, clauses)


def _reason(entry: dict[str, Any]) -> str:
    if entry.get("missing"):
        return "missing: " + ", ".join(map(str, entry["missing"]))
    failures = entry.get("failures") or []
    if not failures:
        return "no test of the clause ran"
    first = str(failures[0])
    reason = (entry.get("reasons") or {}).get(first, "")
    more = f" (+{len(failures) - 1} more)" if len(failures) > 1 else ""
    test = first.rsplit("::", 1)[-1]
    return f"`{test}`{more}" + (f": {reason}" if reason else "")


def render(runs: list[Run], out: TextIO, *, hide_passing: bool = False) -> None:
    """Write the Markdown table and its footnotes.

    Cells of one clause with the same reason share one footnote, which names
    every run it applies to: a bug present in ten releases is explained once.
    With ``hide_passing``, clauses that pass in every run are left out (and
    counted below the table).
    """
    plain = [r.heading for r in runs]
    headings = [
        f"{r.heading} ({r.path.name})" if plain.count(r.heading) > 1 else r.heading for r in runs
    ]
    order: list[str] = []
    for run in runs:
        order.extend(cid for cid in run.clauses if cid not in order)
    notes: dict[tuple[str, str], list[str]] = {}  # (clause, reason) -> runs, in order
    rows = []
    for cid in order:
        level = next((str(r.clauses[cid].get("level", "")) for r in runs if cid in r.clauses), "")
        cells = []
        for heading, run in zip(headings, runs, strict=True):
            entry = run.clauses.get(cid)
            if entry is None:
                cells.append("—")
                continue
            status = entry["status"]
            cell = _CELL.get(status, status)
            quiet = status in ("passed", "not selected") or (
                status == "not run" and not entry.get("missing")
            )
            if not quiet:
                key = (cid, f"{_CELL.get(status, status).strip('*')}: {_reason(entry)}")
                notes.setdefault(key, []).append(heading)
                cell += f" [{list(notes).index(key) + 1}]"
            cells.append(cell)
        if hide_passing and all(c in ("pass", "—") for c in cells):
            continue
        rows.append(f"| {cid} {level} | " + " | ".join(cells) + " |\n")
    out.write("| clause | " + " | ".join(headings) + " |\n")
    out.write("|---" * (len(runs) + 1) + "|\n")
    out.writelines(rows)
    if hide_passing and len(rows) < len(order):
        out.write(f"\n{len(order) - len(rows)} more clauses pass in every run.\n")
    if notes:
        out.write("\n")
        for number, ((cid, reason), where) in enumerate(notes.items(), 1):
            out.write(f"{number}. {cid} on {', '.join(where)}: {reason}\n")
