"""The async manager's custom event carries no metadata.

``AsyncCallbackManager.on_custom_event`` passes ``tags`` but not
``metadata``, a dropped keyword argument that the sync manager's version
has.  Handlers that route custom events (progress reports, say) by metadata
see none of it under the async manager.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event
from reference.managers import check_custom_event
from reference.runs import new_run_id

EXPECTED_FAILURES = ("CUSTOM-01",)


async def on_custom_event(
    self: Any, name: str, data: Any, run_id: Any = None, **kwargs: Any
) -> None:
    if not self.handlers:
        return
    check_custom_event(kwargs)
    await ahandle_event(
        self.handlers,
        "on_custom_event",
        "ignore_custom_event",
        name,
        data,
        run_id=run_id or new_run_id(),
        tags=self.tags,
    )


reference.managers.AsyncCallbackManager.on_custom_event = on_custom_event
