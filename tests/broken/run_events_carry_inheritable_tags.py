"""Run events carry the run's inheritable tags instead of all its tags.

The run managers' emit helpers pass ``tags=self.inheritable_tags``: an
autocomplete slip between two attributes of the same type.  When every tag
is inheritable nothing shows; a local tag (one given to this run only) is
missing from every event after the start.
"""

from __future__ import annotations

from typing import Any

import reference.runs
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event, handle_event

EXPECTED_FAILURES = ("PAYLOAD-03",)


def _emit(self: Any, event: str, ignore_flag: str | None, arg: Any, kwargs: dict[str, Any]) -> None:
    if self.handlers:
        handle_event(
            self.handlers,
            event,
            ignore_flag,
            arg,
            run_id=self.run_id,
            parent_run_id=self.parent_run_id,
            tags=self.inheritable_tags,
            **kwargs,
        )


async def _aemit(
    self: Any, event: str, ignore_flag: str | None, arg: Any, kwargs: dict[str, Any]
) -> None:
    if self.handlers:
        await ahandle_event(
            self.handlers,
            event,
            ignore_flag,
            arg,
            run_id=self.run_id,
            parent_run_id=self.parent_run_id,
            tags=self.inheritable_tags,
            **kwargs,
        )


reference.runs.RunManager._emit = _emit
reference.runs.AsyncRunManager._aemit = _aemit
