"""get_child makes the child's own tag inheritable, so it leaks into every grandchild.

``get_child(tag)`` labels the child manager with ``tag``, a tag local to the
child.  Here it is added with a plain ``add_tags([tag])``, whose ``inherit``
defaults to true, so every run started further down carries the label of
its ancestors' places too.  The correct call differs only by a forgotten
``inherit=False``, and one level deep the child looks right.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("INHERIT-01", "INHERIT-02")

reference.runs._child_of = edited(
    reference.runs._child_of,
    (
        "child.add_tags([tag], inherit=False)",
        "child.add_tags([tag])",  # the bug: inherit defaults to True
    ),
)
