"""Writes ``ignore_retriever`` as a plain method instead of a property: the managers test
``if handler.ignore_retriever``, a bound method is always true, so the handler silently never
sees a retriever event."""

from broken_handlers.tracers import ReferenceTracer

EXPECTED_FAILURES = ("HSURF-02",)


class Tracer(ReferenceTracer):  # type: ignore[misc,valid-type]
    def ignore_retriever(self) -> bool:  # type: ignore[override]
        return False


make = Tracer
