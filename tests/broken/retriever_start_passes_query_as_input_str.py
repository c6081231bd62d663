"""The sync retriever start passes the query under the tool's parameter name.

``CallbackManager.on_retriever_start`` was copied from ``on_tool_start`` and
still passes its second argument as ``input_str=query``.  The handler's
``on_retriever_start(serialized, query, ...)`` gets no ``query`` (and an
unexpected ``input_str``): real handlers fail with a TypeError that the
manager logs, and the retriever run goes unrecorded.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-01", "PAYLOAD-02")

reference.managers.CallbackManager.on_retriever_start = edited(
    reference.managers.CallbackManager.on_retriever_start,
    ("query,", "input_str=query,"),  # the bug: the tool's parameter name
)
