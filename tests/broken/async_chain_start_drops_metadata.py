"""The async manager's chain start event carries no metadata.

``AsyncCallbackManager.on_chain_start`` was written before metadata existed
and never got the ``metadata=self.metadata`` keyword its siblings have: a
dropped keyword argument.  Handlers that route or filter chain runs by
metadata see none under the async manager.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("PAYLOAD-01",)

reference.managers.AsyncCallbackManager.on_chain_start = edited(
    reference.managers.AsyncCallbackManager.on_chain_start,
    ("metadata=self.metadata,", ""),  # the bug: the keyword its siblings have is missing
)
