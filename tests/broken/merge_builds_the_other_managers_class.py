"""merge returns a manager of the other operand's class, not of the receiver's.

The result is built with ``type(other)(...)``: merging an
AsyncCallbackManager into a CallbackManager yields an async manager whose
start methods are coroutines the sync caller never awaits.  Merging two
managers of the same class, the usual case, is right.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("MERGE-01",)

reference.managers.BaseCallbackManager.merge = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.merge,
    ("return type(self)(", "return type(other)("),  # the bug: should be type(self)
)
