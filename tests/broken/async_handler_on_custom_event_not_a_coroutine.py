"""AsyncCallbackHandler.on_custom_event is a plain method, not a coroutine.

``on_custom_event`` was added to the async handler last, copied from the
sync handler without its ``async``.  It is documented as a coroutine method
like every other event of ``AsyncCallbackHandler``: a subclass calling
``await super().on_custom_event(...)`` fails with a TypeError.
"""

from __future__ import annotations

from typing import Any

import reference.handlers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-01",)


def on_custom_event(
    self: Any,
    name: str,
    data: Any,
    *,
    run_id: Any,
    tags: list[str] | None = None,
    metadata: dict[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """A user-defined event ``name`` carrying ``data``."""


reference.handlers.AsyncCallbackHandler.on_custom_event = on_custom_event
