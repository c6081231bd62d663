"""on_custom_event validates its keyword arguments before looking for handlers.

The order of langchain-core 0.3.9 to 0.3.55: a manager with no handlers
rejects unexpected keywords too, as one with handlers does.  Upstream moved
the check after the no-handler return in 0.3.65 without calling either order
a bug, so CUSTOM-02 accepts both and the suite must pass this binding.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the variant is patched in below)
from reference.managers import check_custom_event

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
