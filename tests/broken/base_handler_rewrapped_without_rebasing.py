"""The binding's BaseCallbackHandler is a subclass that the others do not derive from.

The binding wraps the reference's ``BaseCallbackHandler`` in a subclass of
its own (to give handlers a readable ``repr``) and exports that, but leaves
``AsyncCallbackHandler`` and ``UsageMetadataCallbackHandler`` as they were,
derived from the original.  ``isinstance(handler, BaseCallbackHandler)`` is
now false for every async handler and for the usage handler.
"""

from __future__ import annotations

import reference
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-03",)


class BaseCallbackHandler(reference.BaseCallbackHandler):
    def __repr__(self) -> str:
        return f"<{type(self).__name__} handler>"
