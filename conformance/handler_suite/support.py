"""Helpers of the handler suite: delivering streams and explaining failures."""

from __future__ import annotations

import asyncio
from typing import Any

from conformance.handler_binding import HandlerFactory
from conformance.handler_probe import Incident, Probe
from conformance.streams import Forest, adrive, drive, render_script


def deliver(impl: Any, handler: Any, forest: Forest, manager: str) -> list[str]:
    """Deliver ``forest`` to ``handler`` through the binding's ``manager`` kind; the source.

    An exception escaping the managers (a handler with ``raise_error``) ends the
    stream there: the probe has recorded it.
    """
    lines: list[str] = []
    try:
        if manager == "sync":
            lines = drive(impl, handler, forest)
        else:
            lines = asyncio.run(adrive(impl, handler, forest))
    except Exception:
        pass
    return lines


def explain(
    incidents: list[Incident], lines: list[str], manager: str, impl: Any, factory: HandlerFactory
) -> str:
    """The failure text: the handler's own exception first, then the stream to replay it."""
    first = incidents[0]
    script = render_script(
        lines, is_async=manager == "async", binding=impl.module.__name__, factory=factory.spec
    )
    more = f" (and {len(incidents) - 1} more)" if len(incidents) > 1 else ""
    return (
        f"the handler's {first.render()}{more}\n"
        f"--- the event stream that did it, through the {manager} manager "
        f"(run it to reproduce) ---\n{script}\n"
    )


def probe(factory: HandlerFactory, *, check_inputs: bool = True) -> tuple[Any, Probe]:
    handler = factory()
    return handler, Probe(handler, check_inputs=check_inputs)
