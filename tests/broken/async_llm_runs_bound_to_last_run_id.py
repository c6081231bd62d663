"""With several prompts, every async run manager returned is bound to the last run.

The async multi-prompt start builds its run managers after the loops that
deliver the start events, and the comprehension uses the loop variable left
over from the last of them: ``[self._bind(..., id_) for _ in ids]``.  Each
run's start event carries its own id, but all the run managers carry the id
of the last run, so the tokens, end and error of every prompt's run are
reported against that one run.  (The sync manager is right.)
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-01", "ORDER-04")

reference.managers.AsyncCallbackManager._start_many = edited(
    reference.managers.AsyncCallbackManager._start_many,
    ("for id_ in ids]", "for _ in ids]"),  # the bug: every run manager gets the last id_
)
