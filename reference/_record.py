"""A tiny base for the plain data types of the reference.

The data types (messages, generations, documents, agent steps) are values:
two of them are equal when they are of the same type and their fields are
equal, and their ``repr`` lists the fields.  ``dataclasses`` would give the
same thing but costs several milliseconds of import time, which matters for
a module that is imported on every start-up of a conformance run.
"""

from __future__ import annotations

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from typing import Any, ClassVar


class Record:
    """Equality and ``repr`` derived from the class's ``_fields``."""

    _fields: ClassVar[tuple[str, ...]] = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    # Records are mutable values; like dicts they are not hashable.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({shown})"

    def _as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self._fields}
