"""configure skips a configure hook's handler when a handler "of its kind" is already there.

To avoid adding the usage handler twice, configure looks for an existing
handler of the same kind, but with the ``isinstance`` test backwards:
``isinstance(handler, type(existing))``.  Every handler is an instance of
``BaseCallbackHandler``, so any plain handler among the inputs, or the outer
block's usage handler, makes configure skip the block's handler.  With no
other handlers (the usual demo) it is added as it should be.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.hooks import active_hook_handlers
from reference.managers import BaseCallbackManager
from reference.stdout import StdOutCallbackHandler

EXPECTED_FAILURES = ("UCB-01", "UCB-04")


def configure(
    manager_class: Any,
    inheritable_callbacks: Any = None,
    local_callbacks: Any = None,
    verbose: bool = False,
    inheritable_tags: list[str] | None = None,
    local_tags: list[str] | None = None,
    inheritable_metadata: dict[str, Any] | None = None,
    local_metadata: dict[str, Any] | None = None,
) -> Any:
    """``reference.managers.configure``, with the bug marked below."""
    source = inheritable_callbacks
    if isinstance(source, BaseCallbackManager):
        manager = manager_class(
            handlers=list(source.handlers),
            inheritable_handlers=list(source.inheritable_handlers),
            parent_run_id=source.parent_run_id,
            tags=list(source.tags),
            inheritable_tags=list(source.inheritable_tags),
            metadata=dict(source.metadata),
            inheritable_metadata=dict(source.inheritable_metadata),
        )
    else:
        given = list(source or [])
        manager = manager_class(handlers=given, inheritable_handlers=list(given))
    if isinstance(local_callbacks, BaseCallbackManager):
        local_callbacks = local_callbacks.handlers
    for handler in local_callbacks or []:
        manager.add_handler(handler, inherit=False)
    manager.add_tags(inheritable_tags or [])
    manager.add_tags(local_tags or [], inherit=False)
    manager.add_metadata(inheritable_metadata or {})
    manager.add_metadata(local_metadata or {}, inherit=False)
    if verbose and not any(isinstance(h, StdOutCallbackHandler) for h in manager.handlers):
        manager.add_handler(StdOutCallbackHandler(), inherit=False)
    for handler, inheritable in active_hook_handlers():
        # the bug: the isinstance test is backwards (and by kind, not identity)
        if not any(isinstance(handler, type(existing)) for existing in manager.handlers):
            manager.add_handler(handler, inheritable)
    return manager


reference.managers.configure = configure
