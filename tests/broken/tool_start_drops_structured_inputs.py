"""The sync manager's tool start never passes a tool's structured inputs on.

A wrapper around ``CallbackManager.on_tool_start`` (added to default a
missing ``serialized``) names ``inputs`` in its own signature, which takes
it out of ``**kwargs``, and then forwards only the other arguments.  Tools
called with a dict of arguments are reported with their string form only.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-02",)

_on_tool_start = reference.managers.CallbackManager.on_tool_start


def on_tool_start(
    self: Any,
    serialized: dict[str, Any] | None,
    input_str: str,
    run_id: Any = None,
    parent_run_id: Any = None,
    inputs: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    serialized = serialized if serialized is not None else {"name": "tool"}
    return _on_tool_start(self, serialized, input_str, run_id, parent_run_id, **kwargs)


reference.managers.CallbackManager.on_tool_start = on_tool_start
