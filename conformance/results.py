"""Results per clause: what the end-of-run summary and ``--conformance-report`` say.

Every test of the suite names its clauses; each test outcome is credited to
each of them.  A clause's status is the worst of its tests' outcomes, in the
order of :data:`STATUS_ORDER`:

* ``failed``: a test of the clause failed (a MUST clause, or any clause under
  ``--strict``);
* ``not met``: a test of a SHOULD clause failed (reported, the run still passes);
* ``expected-pass``: an expected failure (from the expectations file) passed,
  so its entry is stale;
* ``expected-fail``: a test failed and the expectations file said it would;
* ``passed``: every test that ran passed;
* ``not run``: no test of the clause ran (deselected, skipped, or none collected),
  or a test of it could not run because the binding lacks a name it needs
  (a partial binding; the clause then also lists the ``missing`` names, and
  it is ``not run`` even when its other tests passed: it was not checked);
* ``not selected``: ``--clause`` left the clause out.  A test of a selected
  clause that also names other clauses says nothing about those: the
  verdict of a filtered run covers the selected clauses only, and says so.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.clauses import Catalogue

STATUS_ORDER = (
    "failed",
    "not met",
    "expected-pass",
    "expected-fail",
    "passed",
    "not run",
    "not selected",
)

#: test outcome (as recorded) -> clause status it implies
_STATUS_OF = {
    "failed": "failed",
    "should-failed": "not met",
    "xpassed": "expected-pass",
    "xfailed": "expected-fail",
    "passed": "passed",
    "skipped": "not run",
    "missing": "not run",
}


@dataclass
class ClauseResult:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    #: failing test -> the first line of what it reported (for tables and reports)
    reasons: dict[str, str] = field(default_factory=dict)
    #: binding names a test of the clause needed and the binding lacks
    missing: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        statuses = {_STATUS_OF[o] for o in self.outcomes}
        if self.missing:
            statuses.discard("passed")
        return min(statuses, key=STATUS_ORDER.index) if statuses else "not run"


class Results:
    """Outcomes of the suite's tests, credited to their clauses."""

    def __init__(self, catalogue: Catalogue, selection: list[str] | None = None) -> None:
        self.catalogue = catalogue
        self.by_clause = {cid: ClauseResult() for cid in catalogue.clauses}
        #: the --clause patterns, and the clause ids they select (None: all)
        self.patterns = list(selection or [])
        self.selected = catalogue.select(self.patterns) if self.patterns else None

    def record(
        self,
        nodeid: str,
        clause_ids: list[str],
        outcome: str,
        missing: list[str] | None = None,
        reason: str = "",
    ) -> None:
        for cid in clause_ids:
            result = self.by_clause.get(cid)
            if result is None or (self.selected is not None and cid not in self.selected):
                continue
            result.outcomes[outcome] += 1
            for name in missing or ():
                if name not in result.missing:
                    result.missing.append(name)
            if outcome in ("failed", "should-failed", "xpassed", "xfailed"):
                result.failures.append(nodeid)
                if reason:
                    result.reasons[nodeid] = reason

    def status(self, cid: str) -> str:
        if self.selected is not None and cid not in self.selected:
            return "not selected"
        return self.by_clause[cid].status

    def counts(self, level: str) -> Counter[str]:
        return Counter(
            self.status(cid) for cid, c in self.catalogue.clauses.items() if c.level == level
        )

    # --- rendering -------------------------------------------------------------

    def summary_lines(self) -> list[tuple[str, str]]:
        """(line, colour) pairs for the terminal summary."""
        lines: list[tuple[str, str]] = []
        if self.selected is not None:
            lines.append(
                (
                    f"partial verdict: --clause={','.join(self.patterns)} selects "
                    f"{len(self.selected)} of {len(self.catalogue.clauses)} clauses; "
                    "the others were not checked",
                    "yellow",
                )
            )
        for level in ("MUST", "SHOULD"):
            counts = self.counts(level)
            total = sum(counts.values())
            parts = [f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s]]
            bad = counts["failed"] or counts["expected-pass"]
            colour = "red" if bad else "yellow" if counts["not met"] else "green"
            lines.append((f"{level:<6} clauses ({total}): " + ", ".join(parts), colour))
        for status, colour in (
            ("failed", "red"),
            ("not met", "yellow"),
            ("expected-pass", "red"),
            ("expected-fail", "yellow"),
        ):
            for cid, result in self.by_clause.items():
                if self.status(cid) == status:
                    clause = self.catalogue[cid]
                    lines.append((f"{status:<13} {clause.headline()}", colour))
                    lines.extend(
                        (f"              {nodeid}", colour) for nodeid in result.failures[:3]
                    )
                    if len(result.failures) > 3:
                        lines.append(
                            (f"              ... and {len(result.failures) - 3} more", colour)
                        )
        for cid, result in self.by_clause.items():
            if result.missing and self.status(cid) == "not run":
                missing = ", ".join(result.missing)
                headline = self.catalogue[cid].headline()
                lines.append((f"not run       {headline}", "yellow"))
                lines.append((f"              not run (missing: {missing})", "yellow"))
        return lines

    def report(
        self, implementation: dict[str, Any], kit_version: str, strict: bool
    ) -> dict[str, Any]:
        """The JSON document written by ``--conformance-report``."""
        return {
            "format": 1,
            "kit": {"name": "callbacks-conformance", "version": kit_version},
            "catalogue_version": self.catalogue.version,
            "implementation": implementation,
            "strict": strict,
            "selection": self.patterns or None,
            "partial": self.selected is not None,
            "summary": {level: dict(self.counts(level)) for level in ("MUST", "SHOULD")},
            "clauses": {
                cid: {
                    "level": self.catalogue[cid].level,
                    "status": self.status(cid),
                    "tests": dict(result.outcomes),
                    "failures": result.failures,
                    **({"reasons": result.reasons} if result.reasons else {}),
                    **({"missing": result.missing} if result.missing else {}),
                }
                for cid, result in self.by_clause.items()
            },
        }


def write_report(path: str, document: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(document, indent=2, sort_keys=False) + "\n", encoding="utf-8")
