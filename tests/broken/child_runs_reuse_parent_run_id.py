"""A run started without a run_id takes its manager's parent_run_id as its id.

The start methods default the id with ``run_id or self.parent_run_id or
uuid4()``: the two ids sit side by side, and someone believed a child
manager "continues" its parent's run.  Top-level runs (no parent) still get
fresh ids; every run started from a ``get_child()`` manager gets its
parent's id, so a parent and all its children are one run to the handlers.
"""

from __future__ import annotations

import functools
from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ORDER-04", "INHERIT-02", "RUN-02")

STARTS = (
    "on_llm_start",
    "on_chat_model_start",
    "on_chain_start",
    "on_tool_start",
    "on_retriever_start",
)


def _sync(start: Any) -> Any:
    @functools.wraps(start)
    def wrapper(self: Any, serialized: Any, arg: Any, run_id: Any = None, **kwargs: Any) -> Any:
        return start(self, serialized, arg, run_id or self.parent_run_id, **kwargs)

    return wrapper


def _async(start: Any) -> Any:
    @functools.wraps(start)
    async def wrapper(
        self: Any, serialized: Any, arg: Any, run_id: Any = None, **kwargs: Any
    ) -> Any:
        return await start(self, serialized, arg, run_id or self.parent_run_id, **kwargs)

    return wrapper


for _name in STARTS:
    _cls = reference.managers.CallbackManager
    setattr(_cls, _name, _sync(getattr(_cls, _name)))
    _acls = reference.managers.AsyncCallbackManager
    setattr(_acls, _name, _async(getattr(_acls, _name)))
