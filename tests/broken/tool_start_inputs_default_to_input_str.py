"""A tool started without structured inputs reports its input string as inputs.

"Handlers should always find the tool's input under ``inputs``", so the sync
``on_tool_start`` falls back to ``inputs=input_str`` when no dict was given.
``inputs`` is documented as ``dict[str, Any] | None``: handlers that do
``inputs.items()`` crash on a string, and the payload's ``inputs`` is no
longer an object (or null).  No check of the delivered values catches it,
since only the schema says what type ``inputs`` has when it was not given.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-05",)

_on_tool_start = reference.managers.CallbackManager.on_tool_start


def on_tool_start(
    self: Any,
    serialized: dict[str, Any] | None,
    input_str: str,
    run_id: Any = None,
    parent_run_id: Any = None,
    inputs: Any = None,
    **kwargs: Any,
) -> Any:
    inputs = inputs if inputs is not None else input_str
    return _on_tool_start(self, serialized, input_str, run_id, parent_run_id, inputs, **kwargs)


reference.managers.CallbackManager.on_tool_start = on_tool_start
