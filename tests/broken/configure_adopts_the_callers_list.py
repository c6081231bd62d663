"""configure adopts the list passed as inheritable_callbacks as both handler lists.

``configure(inheritable_callbacks=[a, b])`` should copy the list.  This one
passes the caller's list itself as ``handlers`` and as
``inheritable_handlers``: one list object behind both attributes, owned by
the caller.  Every handler added afterwards (local callbacks, the verbose
printer) lands in the caller's list and becomes inheritable.  Adopting the
list saves a copy on a hot path, and nothing looks wrong until a second
handler is added.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)
from reference.hooks import active_hook_handlers
from reference.managers import BaseCallbackManager
from reference.stdout import StdOutCallbackHandler

EXPECTED_FAILURES = ("CONF-02", "CONF-04", "CONF-06", "CONF-07", "INHERIT-01")


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
        handlers = source if source is not None else []
        # the bug: the caller's list, adopted as both lists
        manager = manager_class(handlers=handlers, inheritable_handlers=handlers)
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
        if not any(existing is handler for existing in manager.handlers):
            manager.add_handler(handler, inheritable)
    return manager


reference.managers.configure = configure
