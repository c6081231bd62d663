"""ignore_retry is a plain class attribute instead of a property.

Written as ``ignore_retry = False`` next to ``raise_error`` and
``run_inline``, since it too is "just a default".  Reading it still gives
``False``, but it is documented as a read-only property like the other
``ignore_*`` flags: code that overrides it with a property, or inspects the
class (``inspect.getattr_static``), sees a different kind of member.
"""

from __future__ import annotations

import reference.handlers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-01",)

reference.handlers.BaseCallbackHandler.ignore_retry = False  # type: ignore[assignment]
