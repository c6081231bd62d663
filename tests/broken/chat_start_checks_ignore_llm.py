"""Chat model starts are dispatched under the ignore_llm flag.

"A chat model is an LLM": both managers dispatch ``on_chat_model_start``
with ``ignore_llm`` as its flag instead of ``ignore_chat_model``.  A handler
that ignores LLMs loses chat model starts it wants; one that ignores chat
models receives them, and, if it lacks ``on_chat_model_start``, their
``on_llm_start`` fallback too.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event, handle_event

EXPECTED_FAILURES = ("IGNORE-01", "CHAT-02")


def _flag(event: str, flag: str | None) -> str | None:
    return "ignore_llm" if event == "on_chat_model_start" else flag


def handle_event_(handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any) -> None:
    handle_event(handlers, event, _flag(event, flag), *a, **kw)


async def ahandle_event_(
    handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any
) -> None:
    await ahandle_event(handlers, event, _flag(event, flag), *a, **kw)


reference.managers.handle_event = handle_event_
reference.managers.ahandle_event = ahandle_event_
