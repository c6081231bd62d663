"""The sync manager's custom event always gets a fresh run id.

``CallbackManager.on_custom_event`` delivers ``run_id=uuid4()`` where it
should deliver ``run_id or uuid4()``: the parameter is accepted and then
forgotten.  A caller who dispatches a custom event from inside a run, passing
that run's id, cannot have its handlers attach the event to the run.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import handle_event
from reference.managers import check_custom_event
from reference.runs import new_run_id

EXPECTED_FAILURES = ("CUSTOM-01",)


def on_custom_event(self: Any, name: str, data: Any, run_id: Any = None, **kwargs: Any) -> None:
    if not self.handlers:
        return
    check_custom_event(kwargs)
    handle_event(
        self.handlers,
        "on_custom_event",
        "ignore_custom_event",
        name,
        data,
        run_id=new_run_id(),
        tags=self.tags,
        metadata=self.metadata,
    )


reference.managers.CallbackManager.on_custom_event = on_custom_event
