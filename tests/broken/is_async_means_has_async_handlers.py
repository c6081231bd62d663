"""is_async answers "does this manager hold async handlers?".

The property was implemented from its name rather than its documentation:
``any(isinstance(h, AsyncCallbackHandler) for h in self.handlers)``.  It must
tell the kind of manager (whether its methods are coroutines); an async
manager without async handlers now says False, a sync manager with one says
True.
"""

from __future__ import annotations

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.handlers import AsyncCallbackHandler

EXPECTED_FAILURES = ("ASYNC-01",)


@property  # type: ignore[misc]
def is_async(self: reference.managers.BaseCallbackManager) -> bool:
    return any(isinstance(h, AsyncCallbackHandler) for h in self.handlers)


reference.managers.BaseCallbackManager.is_async = is_async
del reference.managers.AsyncCallbackManager.is_async
