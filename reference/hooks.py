"""Configure hooks: handlers that every newly configured manager picks up.

A hook is a context variable holding a tuple of handlers, registered once
with :func:`register_configure_hook`.  ``configure()`` adds every handler
currently held by every registered hook (once each, inheritable or not as
registered).  Because the variable is a context variable, "currently" means
"in this thread / task and its copies": a ``with`` block sets it and resets
it on exit, and managers configured outside the block never see it.

Registering the same variable twice is a no-op, so the registry grows only
with the number of distinct hooks a program defines, never with how often
they are used.
"""

from __future__ import annotations

from contextvars import ContextVar

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Iterator

    from reference.handlers import BaseCallbackHandler

    HookVar = ContextVar[tuple[BaseCallbackHandler, ...]]

_hooks: list[tuple[HookVar, bool]] = []


def register_configure_hook(var: HookVar, *, inheritable: bool) -> None:
    """Make ``configure()`` add the handlers held in ``var``; idempotent."""
    if all(existing is not var for existing, _ in _hooks):
        _hooks.append((var, inheritable))


def active_hook_handlers() -> Iterator[tuple[BaseCallbackHandler, bool]]:
    """Each handler currently held by a hook, with the hook's ``inheritable`` flag."""
    for var, inheritable in _hooks:
        for handler in var.get(()):
            yield handler, inheritable


def registered_hook_count() -> int:
    """How many hooks are registered (for tests of boundedness)."""
    return len(_hooks)
