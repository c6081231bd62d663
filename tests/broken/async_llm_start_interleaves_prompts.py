"""A multi-prompt async LLM start delivers each prompt to every handler in turn.

``AsyncCallbackManager.on_llm_start`` with several prompts is written as the
obvious loop: one ``ahandle_event`` per prompt, awaited in turn.  Each call
puts the run_inline handlers first *for that prompt*, but the concurrent
handlers of prompt 1 now run before the inline handlers of prompt 2: the
inline handlers no longer see every run first.  Single-run starts are right.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import ahandle_event
from reference.runs import AsyncCallbackManagerForLLMRun

EXPECTED_FAILURES = ("ORDER-02",)


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
    for item, id_ in zip(items, ids, strict=True):
        await ahandle_event(
            self.handlers,
            event,
            ignore_flag,
            serialized,
            [item],
            run_id=id_,
            parent_run_id=self.parent_run_id,
            tags=self.tags,
            metadata=self.metadata,
            **kwargs,
        )
    return [self._bind(AsyncCallbackManagerForLLMRun, id_) for id_ in ids]


reference.managers.AsyncCallbackManager._start_many = _start_many
