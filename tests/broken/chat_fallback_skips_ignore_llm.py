"""The sync chat model fallback calls on_llm_start without checking ignore_llm.

The fallback calls the handler's ``on_llm_start`` directly ("we already
checked the flags for this event"), but only ``ignore_chat_model`` was
checked.  A handler that ignores LLM runs, and does not implement
``on_chat_model_start``, receives the fallback start of every chat model run.

(The dispatch reaches its fallback through the module-level name
``reference.dispatch.handle_event``; the managers hold their own reference
to it, so only the fallback goes through the patched name.)
"""

from __future__ import annotations

from typing import Any

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CHAT-02",)

_handle_event = reference.dispatch.handle_event


def _fallback(handlers: list[Any], event: str, flag: str | None, *a: Any, **kw: Any) -> None:
    _handle_event(handlers, event, None, *a, **kw)


reference.dispatch.handle_event = _fallback
