"""on_chain_start wraps inputs that are not a dict as {"input": value}.

Chains used to take dicts of named inputs, and handlers were written to
index them; to keep those handlers working, both managers wrap any other
input (a runnable's plain string, a list) as ``{"input": value}`` before
delivering it.  Handlers no longer see the chain's input as it was given.
"""

from __future__ import annotations

import functools
from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-02",)


def _as_dict(inputs: Any) -> Any:
    return inputs if isinstance(inputs, dict) else {"input": inputs}


def _sync(start: Any) -> Any:
    @functools.wraps(start)
    def on_chain_start(self: Any, serialized: Any, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        return start(self, serialized, _as_dict(inputs), *args, **kwargs)

    return on_chain_start


def _async(start: Any) -> Any:
    @functools.wraps(start)
    async def on_chain_start(
        self: Any, serialized: Any, inputs: Any, *args: Any, **kwargs: Any
    ) -> Any:
        return await start(self, serialized, _as_dict(inputs), *args, **kwargs)

    return on_chain_start


_sync_class = reference.managers.CallbackManager
_sync_class.on_chain_start = _sync(_sync_class.on_chain_start)
_async_class = reference.managers.AsyncCallbackManager
_async_class.on_chain_start = _async(_async_class.on_chain_start)
