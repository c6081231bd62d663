"""Under the async manager, every sync handler runs on the event loop's thread.

The per-handler dispatch was simplified to "call the method, await the
result if it is awaitable": natural, but it drops the executor.  Every sync
handler is now called directly on the loop, as if it were ``run_inline``,
and one slow or blocking sync handler (a network logger, say) stalls the
whole event loop.
"""

from __future__ import annotations

import inspect
from typing import Any

import reference.dispatch
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.dispatch import _as_prompts, _log_handler_error

EXPECTED_FAILURES = ("ASYNC-03",)


async def _ahandle_one(
    handler: Any, event: str, flag: str | None, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    try:
        if flag is not None and getattr(handler, flag):
            return
        result = getattr(handler, event)(*args, **kwargs)
        if inspect.isawaitable(result):
            await result
    except NotImplementedError as error:
        if event == "on_chat_model_start":
            await _ahandle_one(handler, "on_llm_start", "ignore_llm", _as_prompts(args), kwargs)
        else:
            _log_handler_error(handler, event, error)
    except Exception as error:
        _log_handler_error(handler, event, error)
        if handler.raise_error:
            raise


reference.dispatch._ahandle_one = _ahandle_one
