"""Run managers deliver to the manager's inheritable handlers as well.

The run manager is built with the union of ``handlers`` and
``inheritable_handlers``, on the belief that the inheritable handlers are a
subset of the handlers anyway.  They need not be: a manager holding a
handler only as inheritable (meant for child runs) now also sends it the
events of its own runs.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("RUN-03",)


def _bind(self: Any, run_class: type, run_id: Any) -> Any:
    every_handler = [*self.handlers]
    every_handler += [h for h in self.inheritable_handlers if h not in self.handlers]
    return run_class(
        run_id=run_id,
        handlers=every_handler,
        inheritable_handlers=self.inheritable_handlers,
        parent_run_id=self.parent_run_id,
        tags=self.tags,
        inheritable_tags=self.inheritable_tags,
        metadata=self.metadata,
        inheritable_metadata=self.inheritable_metadata,
    )


reference.managers.BaseCallbackManager._bind = _bind
