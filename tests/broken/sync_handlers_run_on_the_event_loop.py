"""Under the async manager, every sync handler runs on the event loop's thread.

The per-handler dispatch was simplified to "call the method, await the
result if it is awaitable": natural, but it drops the executor.  Every sync
handler is now called directly on the loop, as if it were ``run_inline``,
and one slow or blocking sync handler (a network logger, say) stalls the
whole event loop.
"""

from __future__ import annotations

import reference.dispatch
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("ASYNC-03",)

reference.dispatch._ahandle_one = edited(
    reference.dispatch._ahandle_one,
    (
        "        if inspect.iscoroutinefunction(method):\n"
        "            await method(*args, **kwargs)\n"
        "        elif handler.run_inline:\n"
        "            method(*args, **kwargs)\n"
        "        else:\n"
        "            ctx = copy_context()\n"
        "            loop = asyncio.get_running_loop()\n"
        "            await loop.run_in_executor(None, lambda: ctx.run(method, *args, **kwargs))\n",
        # the bug: "call it, await the result if awaitable", with no executor
        "        result = method(*args, **kwargs)\n"
        "        if inspect.isawaitable(result):\n"
        "            await result\n",
    ),
)
