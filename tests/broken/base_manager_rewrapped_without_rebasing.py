"""The binding's BaseCallbackManager is a subclass the real managers do not derive from.

The binding exports a subclass of the reference's ``BaseCallbackManager``
(adding a ``repr`` that lists the handlers) but keeps exporting
``CallbackManager`` and ``AsyncCallbackManager`` unchanged, derived from the
original base.  Type checks written against the documented hierarchy
(``isinstance(m, BaseCallbackManager)``) now reject every real manager.
"""

from __future__ import annotations

import reference
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("SURF-03",)


class BaseCallbackManager(reference.BaseCallbackManager):
    def __repr__(self) -> str:
        return f"<{type(self).__name__} handlers={self.handlers!r}>"
