"""A handler that ignores every family is dropped from dispatch altogether.

An optimisation in the dispatch entry points removes, up front, handlers
whose every ``ignore_*`` flag is true ("they would skip everything
anyway").  But ``on_text`` belongs to no family and is never skipped: such a
handler must still receive it, and here it does not.
"""

from __future__ import annotations

from typing import Any

import reference.managers
import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event, handle_event

EXPECTED_FAILURES = ("IGNORE-02",)

FLAGS = (
    "ignore_llm",
    "ignore_chat_model",
    "ignore_chain",
    "ignore_agent",
    "ignore_retriever",
    "ignore_retry",
    "ignore_custom_event",
)


def _not_deaf(handlers: list[Any]) -> list[Any]:
    return [h for h in handlers if not all(getattr(h, flag) for flag in FLAGS)]


def handle_event_(handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any) -> None:
    handle_event(_not_deaf(handlers), event, flag, *a, **kw)


async def ahandle_event_(
    handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any
) -> None:
    await ahandle_event(_not_deaf(handlers), event, flag, *a, **kw)


for _module in (reference.managers, reference.runs):
    _module.handle_event = handle_event_
    _module.ahandle_event = ahandle_event_
