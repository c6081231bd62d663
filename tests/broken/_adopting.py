"""The manager constructor of langchain-core's design: it keeps the caller's objects.

The reference's constructor copies the lists and dicts it is given (STATE-08).
A binding whose bug is a missing copy somewhere else (in ``copy``, ``merge``
or ``configure``) only shows that bug when the constructor does not copy
behind it, as langchain-core's does not: such a binding calls
:func:`adopt_callers_containers` first, and also fails STATE-08.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited


def adopt_callers_containers() -> None:
    reference.managers.BaseCallbackManager.__init__ = edited(  # type: ignore[method-assign]
        reference.managers.BaseCallbackManager.__init__,
        # the caller's objects themselves, not copies of them
        ("list(handlers or ())", "handlers"),
        ("list(inheritable_handlers or ())", "inheritable_handlers or []"),
        ("list(tags or ())", "tags if tags is not None else []"),
        (
            "list(inheritable_tags or ())",
            "inheritable_tags if inheritable_tags is not None else []",
        ),
        ("dict(metadata or {})", "metadata if metadata is not None else {}"),
        (
            "dict(inheritable_metadata or {})",
            "inheritable_metadata if inheritable_metadata is not None else {}",
        ),
    )
