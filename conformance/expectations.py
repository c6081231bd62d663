"""Known failures of an implementation, kept in a plain text file.

One entry per line: ``KEY: reason``.  ``KEY`` is either

* a clause id (``ORDER-02``): every test of that clause is expected to fail;
  they are non-strict expected failures, and a clause whose tests all pass
  is reported as ``expected-pass`` so the entry gets removed; or
* a test's name as pytest shows it after ``::`` (parameters included), or a
  name without parameters to cover every parametrization: a strict expected
  failure (the run fails if it passes).

The reason is mandatory and should carry the evidence (an upstream issue, a
source location).  Blank lines and lines starting with ``#`` are ignored.
Entries that match no collected test are listed at the end of the run, so
stale entries get noticed.
"""

from __future__ import annotations

from pathlib import Path


class ExpectationsError(Exception):
    """The expectations file cannot be used; the message gives file and line."""


class Expectations:
    """The parsed entries of one expectations file."""

    def __init__(self, entries: dict[str, str], source: str | None) -> None:
        self.entries = entries
        self.source = source
        self._used: set[str] = set()

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, test_name: str) -> str | None:
        """The reason the test ``test_name`` is expected to fail, or ``None``."""
        for key in (test_name, test_name.split("[")[0]):
            if key in self.entries:
                self._used.add(key)
                return self.entries[key]
        return None

    def match_clauses(self, clause_ids: list[str]) -> tuple[str, str] | None:
        """(clause id, reason) of the first of ``clause_ids`` listed, or ``None``."""
        for cid in clause_ids:
            if cid in self.entries:
                self._used.add(cid)
                return cid, self.entries[cid]
        return None

    def unused(self) -> list[str]:
        """Entries that matched no test so far."""
        return [key for key in self.entries if key not in self._used]


def load_expectations(path: str | Path | None) -> Expectations:
    """Parse the file at ``path``; ``None`` means no expected failures."""
    if path is None:
        return Expectations({}, None)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ExpectationsError(f"--expectations: cannot read {path}: {error.strerror}") from None
    entries: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, reason = line.partition(":")
        name, reason = name.strip(), reason.strip()
        if not sep or not name or not reason:
            raise ExpectationsError(
                f"{path}:{number}: expected 'TEST_NAME: reason', got {raw!r} "
                "(every entry needs a reason)"
            )
        if name in entries:
            raise ExpectationsError(f"{path}:{number}: {name!r} is listed twice")
        entries[name] = reason
    return Expectations(entries, str(path))
