"""on_text is skipped for handlers that ignore chains.

Run managers emit ``on_text`` with the ``ignore_chain`` flag, on the belief
that free text only comes from chains (it is emitted by LLM, tool and
retriever runs too).  ``on_text`` belongs to no family and must reach every
handler; here a handler with ``ignore_chain`` never sees it.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("IGNORE-01", "IGNORE-02")


def on_text(self: Any, text: str, **kwargs: Any) -> None:
    self._emit("on_text", "ignore_chain", text, kwargs)


async def aon_text(self: Any, text: str, **kwargs: Any) -> None:
    await self._aemit("on_text", "ignore_chain", text, kwargs)


reference.runs.RunManager.on_text = on_text
reference.runs.AsyncRunManager.on_text = aon_text
