"""A multi-prompt async LLM start delivers each prompt to every handler in turn.

``AsyncCallbackManager.on_llm_start`` with several prompts is written as the
obvious loop: one ``ahandle_event`` per prompt, awaited in turn.  Each call
puts the run_inline handlers first *for that prompt*, but the concurrent
handlers of prompt 1 now run before the inline handlers of prompt 2: the
inline handlers no longer see every run first.  Single-run starts are right.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ORDER-02",)

# The bug: the delivery loop hands each prompt to every handler (ahandle_event
# puts the inline ones first for that prompt only), leaving no concurrent pass.
reference.managers.AsyncCallbackManager._start_many = edited(
    reference.managers.AsyncCallbackManager._start_many,
    ("inline = [h for h in self.handlers if h.run_inline]", "inline = self.handlers"),
    ("others = [h for h in self.handlers if not h.run_inline]", "others = []"),
)
