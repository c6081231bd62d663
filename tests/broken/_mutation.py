"""Broken bindings written as an edit of the reference's own source.

``edited(function, (old, new), ...)`` compiles a copy of a reference
function with pieces of its source replaced, in the function's own module
globals, so a broken binding states its bug as a diff (the text before, the
text after) instead of carrying a copy of the whole function that would
drift from the reference.  Each ``old`` must occur exactly once when its
edit is made: when the reference changes so that it no longer does, the
binding fails to import with a message saying so, and the meta-test reports
it instead of silently testing nothing.

Works for module-level functions, methods (plain or async; assign the
result to the class), classmethods and staticmethods (pass the attribute
as read from the class: the decorator line is part of the source, so the
result is the classmethod object to assign) and decorated functions such
as a ``@contextmanager`` (the source and globals are the undecorated
function's; the decorator runs again).  Not for code that needs its class:
zero-argument ``super()`` is refused, and a name-mangled ``self.__x``
would not be mangled.
"""

from __future__ import annotations

import inspect
import linecache
import textwrap
from collections.abc import Callable
from typing import Any


class StaleMutation(Exception):
    """The reference no longer contains the text a broken binding edits."""


def edited(function: Callable[..., Any], *edits: tuple[str, str]) -> Callable[..., Any]:
    """A copy of ``function`` with each edit ``(old, new)`` made to its source, in order."""
    original = inspect.unwrap(function)  # what getsource reads, whose globals it uses
    if "__class__" in original.__code__.co_freevars:
        raise TypeError(
            f"{function.__module__}.{function.__qualname__} uses zero-argument super(), "
            "which an edited copy compiled outside its class cannot"
        )
    changed = textwrap.dedent(inspect.getsource(original))
    for old, new in edits:
        found = changed.count(old)
        if found != 1:
            raise StaleMutation(
                f"{function.__module__}.{function.__qualname__}: the text to edit must occur "
                f"exactly once, found {found} times: {old!r}"
            )
        changed = changed.replace(old, new)
    # A file name of its own, registered with linecache, so a traceback
    # through the edited function shows the edited lines.
    filename = f"<{function.__module__}.{function.__qualname__}, edited>"
    linecache.cache[filename] = (len(changed), None, changed.splitlines(True), filename)
    namespace: dict[str, Any] = {}
    exec(compile(changed, filename, "exec"), original.__globals__, namespace)
    result: Callable[..., Any] = namespace[function.__name__]
    return result
