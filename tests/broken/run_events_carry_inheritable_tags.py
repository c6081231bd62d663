"""Run events carry the run's inheritable tags instead of all its tags.

The run managers' emit helpers pass ``tags=self.inheritable_tags``: an
autocomplete slip between two attributes of the same type.  When every tag
is inheritable nothing shows; a local tag (one given to this run only) is
missing from every event after the start.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-03",)

# The bug: the inheritable tags, not all the run's tags.
reference.runs.RunManager._emit = edited(
    reference.runs.RunManager._emit, ("tags=self.tags,", "tags=self.inheritable_tags,")
)
reference.runs.AsyncRunManager._aemit = edited(
    reference.runs.AsyncRunManager._aemit, ("tags=self.tags,", "tags=self.inheritable_tags,")
)
