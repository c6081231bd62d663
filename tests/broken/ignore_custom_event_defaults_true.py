"""Handlers ignore custom events unless they opt in.

``ignore_custom_event`` returns ``True`` on the base handler, on the theory
that custom events are noise most handlers do not want.  The API says every
``ignore_*`` flag defaults to ``False``: handlers that implement
``on_custom_event`` without also overriding the flag never receive one.
"""

from __future__ import annotations

import reference.handlers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-02",)

reference.handlers.BaseCallbackHandler.ignore_custom_event = property(lambda self: True)
