"""With several prompts, every async run manager returned is bound to the last run.

The async multi-prompt start builds its run managers after the loops that
deliver the start events, and the comprehension uses the loop variable left
over from the last of them: ``[self._bind(..., id_) for _ in ids]``.  Each
run's start event carries its own id, but all the run managers carry the id
of the last run, so the tokens, end and error of every prompt's run are
reported against that one run.  (The sync manager is right.)
"""

from __future__ import annotations

import asyncio
from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event
from reference.runs import AsyncCallbackManagerForLLMRun

EXPECTED_FAILURES = ("RUN-01", "ORDER-04")


async def _start_many(
    self: Any,
    event: str,
    ignore_flag: str,
    serialized: dict[str, Any],
    items: list[Any],
    run_id: Any,
    kwargs: dict[str, Any],
) -> list[Any]:
    ids = reference.managers._run_ids(len(items), run_id)
    context = {"parent_run_id": self.parent_run_id, "tags": self.tags, "metadata": self.metadata}
    inline = [h for h in self.handlers if h.run_inline]
    others = [h for h in self.handlers if not h.run_inline]
    for item, id_ in zip(items, ids, strict=True):
        await ahandle_event(
            inline, event, ignore_flag, serialized, [item], run_id=id_, **context, **kwargs
        )
    await asyncio.gather(
        *(
            ahandle_event(
                others, event, ignore_flag, serialized, [item], run_id=id_, **context, **kwargs
            )
            for item, id_ in zip(items, ids, strict=True)
        )
    )
    return [self._bind(AsyncCallbackManagerForLLMRun, id_) for _ in ids]


reference.managers.AsyncCallbackManager._start_many = _start_many
