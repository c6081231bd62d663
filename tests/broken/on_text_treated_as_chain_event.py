"""on_text is skipped for handlers that ignore chains.

Run managers emit ``on_text`` with the ``ignore_chain`` flag, on the belief
that free text only comes from chains (it is emitted by LLM, tool and
retriever runs too).  ``on_text`` belongs to no family and must reach every
handler; here a handler with ``ignore_chain`` never sees it.
"""

from __future__ import annotations

import reference.runs
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("IGNORE-01", "IGNORE-02")

# The bug: on_text emitted as a chain event.
for _class in (reference.runs.RunManager, reference.runs.AsyncRunManager):
    _class.on_text = edited(_class.on_text, ('"on_text", None,', '"on_text", "ignore_chain",'))
