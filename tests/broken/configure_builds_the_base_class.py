"""configure builds a plain CallbackManager / AsyncCallbackManager, whatever class it is called on.

Each classmethod names its own class (``configure(CallbackManager, ...)``)
instead of passing ``cls`` on, so ``MyManager.configure()`` returns a base
``CallbackManager``.  Called on the two classes themselves it looks right,
which is all most code ever does.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-01",)

for _class in (reference.managers.CallbackManager, reference.managers.AsyncCallbackManager):
    _class.configure = edited(  # type: ignore[method-assign]
        _class.configure,
        # the bug: the classmethod names its own class instead of passing cls on
        ("return configure(\n        cls,", f"return configure(\n        {_class.__name__},"),
    )
