"""The chat model fallback renders a conversation without its speakers.

When a handler lacks ``on_chat_model_start``, the manager calls its
``on_llm_start`` with each message list rendered as one prompt.  Here the
rendering joins the message contents (``"hi\\nyo"``) instead of producing the
buffer string (``"Human: hi\\nAI: yo"``): old-style handlers can no longer
tell the user's words from the model's.
"""

from __future__ import annotations

from typing import Any

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CHAT-01",)


def get_buffer_string(messages: list[Any]) -> str:
    return "\n".join(str(message.content) for message in messages)


reference.dispatch.get_buffer_string = get_buffer_string
