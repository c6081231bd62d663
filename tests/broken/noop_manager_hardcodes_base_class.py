"""get_noop_manager builds a plain RunManager whatever class it is called on.

The classmethod was written as ``return RunManager(...)`` instead of
``return cls(...)``.  Called on ``CallbackManagerForChainRun`` (or any other
run manager class) it returns a generic run manager without the run's own
methods (``on_chain_end``, ...), so code holding a no-op run crashes on its
first event.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-04",)

reference.runs.BaseRunManager.get_noop_manager = edited(
    reference.runs.BaseRunManager.get_noop_manager,
    ("return cls(", "return RunManager("),  # the bug: should be cls
)
