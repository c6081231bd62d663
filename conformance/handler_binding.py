"""``--handler=MODULE:FACTORY``: finding the handler under test.

``FACTORY`` is any zero-argument callable returning a fresh handler; a
handler class whose constructor takes no arguments is one as it is.  The
suite calls it once per test (often once per generated example), so state
never leaks from one check into the next.

A handler is what managers can deliver events to: an instance of the
binding's ``BaseCallbackHandler``, or any object with the nineteen event
methods (managers look methods and flags up by name).  Anything else, and
every problem finding the factory, is one :class:`HandlerError` line.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conformance.binding import BindingError, _import_with_timeout, _module_name
from conformance.encoding import EVENT_NAMES

__all__ = ["HandlerError", "HandlerFactory", "load_factory"]


class HandlerError(Exception):
    """``--handler`` names no usable handler factory; the message says why, in one line."""


@dataclass(frozen=True)
class HandlerFactory:
    spec: str
    make: Callable[[], Any]
    is_async: bool  # what the first handler it made is
    type_name: str

    def __call__(self) -> Any:
        return self.make()


def load_factory(spec: str, base_handler: type | None) -> HandlerFactory:
    """Import ``MODULE:FACTORY``, call it once and check that it returns a handler."""
    module_part, colon, attribute = spec.rpartition(":")
    if not colon or not module_part or not attribute:
        raise HandlerError(
            f"--handler={spec}: expected MODULE:FACTORY (for example my_tracing:MyHandler)"
        )
    try:
        module = _import_with_timeout(spec, _module_name(module_part), 30.0)
    except BindingError as error:
        raise HandlerError(str(error).replace("--impl=", "--handler=", 1)) from None
    make = module
    for part in attribute.split("."):
        if not hasattr(make, part):
            raise HandlerError(f"--handler={spec}: module {module_part!r} has no {attribute!r}")
        make = getattr(make, part)
    if not callable(make):
        raise HandlerError(f"--handler={spec}: {attribute!r} is not callable")
    try:
        handler = make()
    except Exception as error:  # the user's own factory failed: say where
        frame = traceback.extract_tb(error.__traceback__)[-1]
        raise HandlerError(
            f"--handler={spec}: calling {attribute}() raised {type(error).__name__}: {error} "
            f"(at {frame.filename}:{frame.lineno})"
        ) from None
    missing = [e for e in EVENT_NAMES if not callable(getattr(handler, e, None))]
    if base_handler is not None and isinstance(handler, base_handler):
        missing = []
    if missing:
        raise HandlerError(
            f"--handler={spec}: {attribute}() returned {type(handler).__name__}, which is not "
            f"a callback handler (no BaseCallbackHandler of the binding, and no "
            f"{', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})"
        )
    from conformance.handler_probe import is_async_handler

    return HandlerFactory(spec, make, is_async_handler(handler), type(handler).__name__)
