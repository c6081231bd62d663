"""on_custom_event delivers the event first and checks its keywords afterwards.

The keyword check sits after the dispatch call (a reordering during a
refactor).  The caller still gets its ``ValueError``, but every handler has
already received an event that the caller was told was rejected.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.managers import check_custom_event

EXPECTED_FAILURES = ("CUSTOM-02",)

_sync_on_custom_event = reference.managers.CallbackManager.on_custom_event
_async_on_custom_event = reference.managers.AsyncCallbackManager.on_custom_event


def on_custom_event(self: Any, name: str, data: Any, run_id: Any = None, **kwargs: Any) -> None:
    _sync_on_custom_event(self, name, data, run_id)
    if self.handlers:
        check_custom_event(kwargs)


async def aon_custom_event(
    self: Any, name: str, data: Any, run_id: Any = None, **kwargs: Any
) -> None:
    await _async_on_custom_event(self, name, data, run_id)
    if self.handlers:
        check_custom_event(kwargs)


reference.managers.CallbackManager.on_custom_event = on_custom_event
reference.managers.AsyncCallbackManager.on_custom_event = aon_custom_event
