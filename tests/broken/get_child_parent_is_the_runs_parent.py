"""get_child sets the child's parent_run_id to the run's parent, not to the run.

Everything else a child manager gets is copied from the run manager's own
attributes, so ``parent_run_id=run.parent_run_id`` looks like more of the
same; it should be ``run.run_id``.  Children of a top-level run then claim
to have no parent, and deeper runs attach to their grandparent.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("INHERIT-01", "INHERIT-02")

_child_of = reference.runs._child_of


def _child_with_wrong_parent(run: Any, child: Any, tag: str | None) -> Any:
    child.parent_run_id = run.parent_run_id  # the bug: should stay run.run_id
    return _child_of(run, child, tag)


reference.runs._child_of = _child_with_wrong_parent
