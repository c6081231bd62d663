"""AsyncCallbackHandler.on_custom_event is a plain method, not a coroutine.

``on_custom_event`` was added to the async handler last, copied from the
sync handler without its ``async``.  It is documented as a coroutine method
like every other event of ``AsyncCallbackHandler``: a subclass calling
``await super().on_custom_event(...)`` fails with a TypeError.
"""

from __future__ import annotations

import reference.handlers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-01",)

reference.handlers.AsyncCallbackHandler.on_custom_event = edited(
    reference.handlers.AsyncCallbackHandler.on_custom_event,
    ("async def on_custom_event(", "def on_custom_event("),  # the bug: copied without its async
)
