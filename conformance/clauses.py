"""The clause catalogue: the specification as data.

A clause is one normative statement about the callbacks API, with a stable
id (``AREA-NN``; ids are never renumbered or reused), a level (``MUST`` or
``SHOULD``), one sentence of text and where it comes from.  The catalogue
ships in ``conformance/data/clauses.json``; every conformance test names the
clauses it checks with ``@pytest.mark.clause("ID", ...)``, and ``SPEC.md`` is
rendered from the catalogue by :func:`render_spec`
(``python -m conformance.clauses > SPEC.md``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE_PATH = Path(__file__).parent / "data" / "clauses.json"
LEVELS = ("MUST", "SHOULD")
#: The two parts of the catalogue: what implementations (managers) must do,
#: checked by ``--impl``; what handlers can rely on and must survive,
#: checked by ``--handler``.
IMPLEMENTATION, HANDLER = "implementation", "handler"
ID_PATTERN = re.compile(r"[A-Z]+-[0-9]{2}")


@dataclass(frozen=True)
class Clause:
    """One normative statement."""

    id: str
    level: str
    text: str
    source: str
    rationale: str = ""  # why it matters (handler clauses); rendered in SPEC.md

    @property
    def area(self) -> str:
        return self.id.split("-")[0]

    def headline(self) -> str:
        """``ID (LEVEL): text`` -- how a failure names its clause."""
        return f"{self.id} ({self.level}): {self.text}"


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    intro: str
    part: str = IMPLEMENTATION  # IMPLEMENTATION or HANDLER: which suite checks it


@dataclass(frozen=True)
class Catalogue:
    version: str
    areas: tuple[Area, ...]
    clauses: dict[str, Clause]

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self.clauses

    def __getitem__(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def in_area(self, key: str) -> list[Clause]:
        return [c for c in self.clauses.values() if c.area == key]

    def select(self, patterns: list[str]) -> set[str]:
        """Ids matching any pattern: a full id (``ORDER-02``) or an area key (``ORDER``)."""
        chosen: set[str] = set()
        for pattern in patterns:
            key = pattern.strip().upper()
            chosen.update(cid for cid, c in self.clauses.items() if key in (cid, c.area))
        return chosen

    def part(self, name: str) -> Catalogue:
        """The catalogue restricted to the areas of one part (``implementation`` or ``handler``)."""
        areas = tuple(a for a in self.areas if a.part == name)
        keys = {a.key for a in areas}
        kept = {cid: c for cid, c in self.clauses.items() if c.area in keys}
        return Catalogue(self.version, areas, kept)


class CatalogueError(Exception):
    """The catalogue file breaks its own rules (the message says which entry)."""


@cache
def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Read and check the catalogue; every problem is a :class:`CatalogueError`."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    areas = tuple(
        Area(a["key"], a["title"], a["intro"], a.get("part", IMPLEMENTATION)) for a in data["areas"]
    )
    keys = {a.key for a in areas}
    clauses: dict[str, Clause] = {}
    for entry in data["clauses"]:
        clause = Clause(
            entry["id"], entry["level"], entry["text"], entry["source"], entry.get("rationale", "")
        )
        where = f"{path.name}: clause {clause.id!r}"
        if not ID_PATTERN.fullmatch(clause.id):
            raise CatalogueError(f"{where}: ids look like AREA-NN")
        if clause.area not in keys:
            raise CatalogueError(f"{where}: area {clause.area!r} is not declared")
        if clause.level not in LEVELS:
            raise CatalogueError(f"{where}: level must be one of {LEVELS}")
        if clause.id in clauses:
            raise CatalogueError(f"{where}: listed twice")
        if not clause.text.strip() or not clause.source.strip():
            raise CatalogueError(f"{where}: text and source are required")
        clauses[clause.id] = clause
    return Catalogue(str(data["version"]), areas, clauses)


def render_listing(catalogue: Catalogue) -> str:
    """The catalogue as ``--clauses`` prints it: one line per clause, grouped by area."""
    lines = [f"callbacks conformance clauses, catalogue version {catalogue.version}"]
    for area in catalogue.areas:
        lines.append(f"\n{area.key}: {area.title}")
        lines.extend(f"  {c.id:<11} {c.level:<6} {c.text}" for c in catalogue.in_area(area.key))
    return "\n".join(lines) + "\n"


# --- SPEC.md -----------------------------------------------------------------

_SPEC_HEAD = """\
<!-- Generated from conformance/data/clauses.json by `python -m conformance.clauses > SPEC.md`.
     Do not edit by hand: tests/test_clauses.py fails when this file is stale. -->

# The LangChain callbacks API: specification

The public API page of `langchain_core.callbacks` gives signatures; this
document states what they mean.  Each clause below has a stable id, a level
and a source, and is checked by the conformance suite (`pytest --impl=MODULE`
reports results per clause).  **MUST** clauses are requirements: a failure
fails the run.  **SHOULD** clauses are recommendations: a failure is reported
and only fails the run under `--strict`.

Catalogue version: {version}.  {count} clauses ({must} MUST, {should} SHOULD).

## Contents

{contents}
"""

#: The prose part of SPEC.md that defines the terms the clauses use (events and
#: their flags, handler defaults, the buffer string, run managers): data, not code.
_READING = (Path(__file__).parent / "data" / "spec_reading.md").read_text(encoding="utf-8")


_INHERITANCE = """\
### What reaches child runs

A run's child runs get their manager from `get_child()` on the run manager
(or from `configure()` with the run's child manager as
`inheritable_callbacks`).  Only the inheritable part travels.  For each input
of `configure`, where it ends up in the resulting manager and whether a child
run of that manager receives it:

{table}

"none, or its tags" means either outcome is accepted (implementation-defined,
CONF-08): langchain-core leaves a local manager's tags and metadata out.  The
result's `parent_run_id` is that of a manager passed as
`inheritable_callbacks` (CONF-03) and otherwise none; a manager passed as
`local_callbacks` never supplies it (CONF-08).  A child run's
`parent_run_id` is the id of the run whose `get_child()` made its manager
(INHERIT-01).

A manager passed to `configure` is never changed (CONF-03).  A tag given to
`get_child(tag)` is a local tag of the child manager: the child's own runs
carry it, its children do not (INHERIT-01).  Because `add_tags` moves a tag
it already holds and the latest call decides its inheritability (STATE-04),
`get_child(tag)` with a tag the run already inherits makes that tag local to
the child, so the grandchildren no longer receive it; both implementations
behave this way.
"""


#: (what, passed as, in the plain containers, in the inheritable ones, reaches child runs)
INHERITANCE_TABLE = (
    ("handlers", "`inheritable_callbacks=[...]`", "yes", "yes", "yes"),
    (
        "handlers",
        "`inheritable_callbacks=manager`",
        "its handlers",
        "its inheritable ones",
        "its inheritable ones",
    ),
    ("handlers", "`local_callbacks=[...]`", "yes", "no", "no"),
    ("handlers", "`local_callbacks=manager`", "its handlers", "no", "no"),
    ("tags", "`inheritable_tags=[...]`", "yes", "yes", "yes"),
    (
        "tags",
        "`inheritable_callbacks=manager`",
        "its tags",
        "its inheritable ones",
        "its inheritable ones",
    ),
    ("tags", "`local_tags=[...]`", "yes", "no", "no"),
    ("tags", "`local_callbacks=manager`", "none, or its tags", "no", "no"),
    ("metadata", "`inheritable_metadata={...}`", "yes", "yes", "yes"),
    (
        "metadata",
        "`inheritable_callbacks=manager`",
        "its metadata",
        "its inheritable ones",
        "its inheritable ones",
    ),
    ("metadata", "`local_metadata={...}`", "yes", "no", "no"),
    ("metadata", "`local_callbacks=manager`", "none, or its metadata", "no", "no"),
    ("printing handler", "`verbose=True`", "yes, once", "no", "no"),
)


def _table() -> str:
    head = (
        "input",
        "passed to `configure` as",
        "in `handlers` / `tags` / `metadata`",
        "in `inheritable_*`",
        "reaches child runs",
    )
    rows = [head, ("---",) * len(head), *INHERITANCE_TABLE]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def render_spec(catalogue: Catalogue) -> str:
    """SPEC.md: the catalogue as a readable specification, grouped by area."""
    levels = [c.level for c in catalogue.clauses.values()]
    entries = []
    for a in catalogue.areas:
        if a.part == HANDLER and a is _first_of_part(catalogue, HANDLER):
            entries.append(f"- [{_HANDLER_TITLE}](#{_HANDLER_ANCHOR})")
        indent = "  " if a.part == HANDLER else ""
        entries.append(f"{indent}- [{a.title}](#{_anchor(a)}) ({len(catalogue.in_area(a.key))})")
    contents = "\n".join(entries)
    parts = [
        _SPEC_HEAD.format(
            version=catalogue.version,
            count=len(levels),
            must=levels.count("MUST"),
            should=levels.count("SHOULD"),
            contents=contents,
        )
    ]
    parts.append(_READING)
    for area in catalogue.areas:
        if area.part == HANDLER and area is _first_of_part(catalogue, HANDLER):
            parts.append(_HANDLER_PART)
        parts.append(f"## {area.key}: {area.title}\n\n{area.intro}\n")
        for clause in catalogue.in_area(area.key):
            why = f"  \n  *Why: {clause.rationale}*" if clause.rationale else ""
            parts.append(
                f"- **{clause.id}** ({clause.level}). {clause.text}  \n  *Source: {clause.source}.*"
                + why
            )
        parts.append("")
        if area.key == "INHERIT":
            parts.append(_INHERITANCE.format(table=_table()))
    return "\n".join(parts).rstrip() + "\n"


_HANDLER_TITLE = "What a handler can rely on, and what it must survive"
_HANDLER_ANCHOR = "what-a-handler-can-rely-on-and-what-it-must-survive"
_HANDLER_PART = f"""\
# {_HANDLER_TITLE}

The clauses above bind implementations: the managers that deliver events.
The clauses below bind the other side: a **handler** (a tracer, an
observability exporter, an application's logging or streaming handler).
They follow from the rules above: a handler can rely on exactly what those
rules promise and must survive every stream of events they allow, and
nothing more is promised.  `pytest --handler=MODULE:CALLABLE` checks them
on the handlers a zero-argument factory returns, driving them through the
managers of `--impl` (default `reference`).  What a handler records or
exports is its own business; these clauses are the contract every handler
shares.
"""


def _first_of_part(catalogue: Catalogue, part: str) -> Area | None:
    return next((a for a in catalogue.areas if a.part == part), None)


def _anchor(area: Area) -> str:
    text = f"{area.key}: {area.title}".lower()
    return re.sub(r"[^a-z0-9 _-]", "", text).replace(" ", "-")


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_spec(load_catalogue()))
