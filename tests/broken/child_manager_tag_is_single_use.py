"""A child manager forgets its get_child tag once it has started a run.

``get_child("retriever")`` names one step of the parent, so the tag was
treated as belonging to the one run it starts: after a start, a manager
made by ``get_child`` (it has a parent run) drops its local tags.  Every
test that starts one run per child manager passes; a chain that hands one
``get_child()`` to two tools gets the tag on the first tool only.
"""

from __future__ import annotations

import functools
from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("INHERIT-02",)

STARTS = ("on_llm_start", "on_chat_model_start", "on_chain_start", "on_tool_start")
STARTS += ("on_retriever_start",)


def _forget_local_tags(manager: Any) -> None:
    if manager.parent_run_id is not None:
        manager.tags = [t for t in manager.tags if t in manager.inheritable_tags]


def _sync(method: Any) -> Any:
    @functools.wraps(method)
    def start(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = method(self, *args, **kwargs)
        _forget_local_tags(self)  # the bug
        return started

    return start


def _async(method: Any) -> Any:
    @functools.wraps(method)
    async def start(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = await method(self, *args, **kwargs)
        _forget_local_tags(self)  # the bug
        return started

    return start


for _name in STARTS:
    setattr(
        reference.managers.CallbackManager,
        _name,
        _sync(getattr(reference.managers.CallbackManager, _name)),
    )
    setattr(
        reference.managers.AsyncCallbackManager,
        _name,
        _async(getattr(reference.managers.AsyncCallbackManager, _name)),
    )
