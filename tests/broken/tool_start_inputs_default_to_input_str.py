"""A tool started without structured inputs reports its input string as inputs.

"Handlers should always find the tool's input under ``inputs``", so the sync
``on_tool_start`` falls back to ``inputs=input_str`` when no dict was given.
``inputs`` is documented as ``dict[str, Any] | None``: handlers that do
``inputs.items()`` crash on a string, and the payload's ``inputs`` is no
longer an object (or null).  No check of the delivered values catches it,
since only the schema says what type ``inputs`` has when it was not given.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-05",)

reference.managers.CallbackManager.on_tool_start = edited(
    reference.managers.CallbackManager.on_tool_start,
    # the bug: a string where a dict or None belongs
    ("inputs=inputs,", "inputs=inputs if inputs is not None else input_str,"),
)
