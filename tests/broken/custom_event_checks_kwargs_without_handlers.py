"""on_custom_event validates its keyword arguments before looking for handlers.

The check for unexpected keyword arguments was moved to the top of the
method, "validate first": a manager with no handlers now raises
``ValueError`` where it must return quietly.  Library code that dispatches
custom events with extra keywords works until it runs with callbacks off,
then fails.
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
    check_custom_event(kwargs)
    _sync_on_custom_event(self, name, data, run_id)


async def aon_custom_event(
    self: Any, name: str, data: Any, run_id: Any = None, **kwargs: Any
) -> None:
    check_custom_event(kwargs)
    await _async_on_custom_event(self, name, data, run_id)


reference.managers.CallbackManager.on_custom_event = on_custom_event
reference.managers.AsyncCallbackManager.on_custom_event = aon_custom_event
