"""CTX: context variables that handlers set, as the code that started the run sees them.

A tracing handler typically sets "the current span" in a context variable on a start
event, and the application (or the next step) reads it.  That works only for handlers that
run in the caller's own context: sync handlers under a sync manager, and run_inline
handlers under an async manager.
"""

from __future__ import annotations

import asyncio
import contextvars
from typing import Any

import pytest

SPAN: contextvars.ContextVar[str | None] = contextvars.ContextVar("conformance_span", default=None)


def _setting_handler(impl: Any, *, is_async: bool, inline: bool) -> Any:
    if is_async:

        class AsyncSetter(impl.AsyncCallbackHandler):  # type: ignore[misc]
            run_inline = inline

            async def on_chain_start(self, *args: Any, **kwargs: Any) -> None:
                SPAN.set("span-from-handler")

        return AsyncSetter()

    class Setter(impl.BaseCallbackHandler):  # type: ignore[misc]
        run_inline = inline

        def on_chain_start(self, *args: Any, **kwargs: Any) -> None:
            SPAN.set("span-from-handler")

    return Setter()


@pytest.mark.clause("CTX-01")
@pytest.mark.parametrize("inline", [False, True], ids=["plain", "run_inline"])
@pytest.mark.parametrize("through", ["manager", "child-of-a-run"])
def test_a_sync_handler_under_a_sync_manager_sets_the_callers_context(
    impl: Any, inline: bool, through: str
) -> None:
    handler = _setting_handler(impl, is_async=False, inline=inline)

    def caller() -> str | None:
        manager = impl.CallbackManager(handlers=[handler], inheritable_handlers=[handler])
        if through == "child-of-a-run":
            run = manager.on_tool_start({}, "x")  # the tool's own start sets nothing
            SPAN.set(None)
            manager = run.get_child()
        manager.on_chain_start({}, {"q": 1})
        return SPAN.get()

    seen = contextvars.copy_context().run(caller)
    assert seen == "span-from-handler", (
        f"a sync handler set a context variable in on_chain_start; after the call returned "
        f"the caller saw {seen!r}: the handler did not run in the caller's context"
    )


@pytest.mark.clause("CTX-02")
@pytest.mark.parametrize("handler_is_async", [False, True], ids=["sync-handler", "async-handler"])
def test_a_run_inline_handler_under_an_async_manager_sets_the_callers_context(
    impl: Any, handler_is_async: bool
) -> None:
    handler = _setting_handler(impl, is_async=handler_is_async, inline=True)
    others = [_setting_handler(impl, is_async=True, inline=False)]

    async def caller() -> str | None:
        manager = impl.AsyncCallbackManager(handlers=[handler, *others])
        await manager.on_chain_start({}, {"q": 1})
        return SPAN.get()

    seen = asyncio.run(caller())
    assert seen == "span-from-handler", (
        f"a run_inline {'async' if handler_is_async else 'sync'} handler set a context variable "
        f"in on_chain_start under an AsyncCallbackManager; after the await the caller saw "
        f"{seen!r}: inline handlers must run in the caller's own context"
    )
