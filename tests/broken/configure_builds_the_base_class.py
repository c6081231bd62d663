"""configure builds a plain CallbackManager / AsyncCallbackManager, whatever class it is called on.

Each classmethod names its own class (``configure(CallbackManager, ...)``)
instead of passing ``cls`` on, so ``MyManager.configure()`` returns a base
``CallbackManager``.  Called on the two classes themselves it looks right,
which is all most code ever does.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("CONF-01",)

_configure = reference.managers.configure


def _configure_as(fixed_class: type) -> Any:
    def configure(
        cls: type,
        inheritable_callbacks: Any = None,
        local_callbacks: Any = None,
        verbose: bool = False,
        inheritable_tags: list[str] | None = None,
        local_tags: list[str] | None = None,
        inheritable_metadata: dict[str, Any] | None = None,
        local_metadata: dict[str, Any] | None = None,
    ) -> Any:
        return _configure(
            fixed_class,  # the bug: should be cls
            inheritable_callbacks,
            local_callbacks,
            verbose,
            inheritable_tags,
            local_tags,
            inheritable_metadata,
            local_metadata,
        )

    return classmethod(configure)


for _class in (reference.managers.CallbackManager, reference.managers.AsyncCallbackManager):
    _class.configure = _configure_as(_class)  # type: ignore[method-assign]
