"""The async manager's custom event carries no metadata.

``AsyncCallbackManager.on_custom_event`` passes ``tags`` but not
``metadata``, a dropped keyword argument that the sync manager's version
has.  Handlers that route custom events (progress reports, say) by metadata
see none of it under the async manager.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CUSTOM-01",)

reference.managers.AsyncCallbackManager.on_custom_event = edited(
    reference.managers.AsyncCallbackManager.on_custom_event,
    ("metadata=self.metadata,", ""),  # the bug: tags are passed, metadata is not
)
