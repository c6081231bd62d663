"""The sync manager's custom event always gets a fresh run id.

``CallbackManager.on_custom_event`` delivers ``run_id=uuid4()`` where it
should deliver ``run_id or uuid4()``: the parameter is accepted and then
forgotten.  A caller who dispatches a custom event from inside a run, passing
that run's id, cannot have its handlers attach the event to the run.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CUSTOM-01",)

reference.managers.CallbackManager.on_custom_event = edited(
    reference.managers.CallbackManager.on_custom_event,
    ("run_id=run_id or new_run_id(),", "run_id=new_run_id(),"),  # the bug: run_id is forgotten
)
