"""get_child makes the child's own tag inheritable, so it leaks into every grandchild.

``get_child(tag)`` labels the child manager with ``tag``, a tag local to the
child.  Here it is added with a plain ``add_tags([tag])``, whose ``inherit``
defaults to true, so every run started further down carries the label of
its ancestors' places too.  The correct call differs only by a forgotten
``inherit=False``, and one level deep the child looks right.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("INHERIT-01", "INHERIT-02")


def _child_of(run: Any, child: Any, tag: str | None) -> Any:
    child.set_handlers(run.inheritable_handlers)
    child.add_tags(run.inheritable_tags)
    child.add_metadata(run.inheritable_metadata)
    if tag is not None:
        child.add_tags([tag])  # the bug: inherit defaults to True
    return child


reference.runs._child_of = _child_of
