"""Zero-argument factories for third-party tracing handlers, run offline.

Each returns a fresh langchain-core callback handler for
``pytest --handler=tests.handlers.third_party:NAME --impl=langchain_core``.
Install the pinned packages with the ``handlers`` extra. Nothing here may
reach the network: spans go to an in-memory exporter, and a client that
insists on a server is pointed at a loopback port nothing listens on.
"""

from __future__ import annotations

import os
from typing import Any

LOOPBACK = "http://127.0.0.1:9"


def _memory_tracer_provider() -> Any:
    """Spans are exported synchronously to an exporter that drops them: nothing leaves the
    process, and nothing accumulates that would be charged to the handler (HSTATE-01)."""
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult

    class Discard(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(Discard()))
    return provider


def openinference() -> Any:
    """OpenInference's LangChain tracer, spans kept in memory."""
    from openinference.instrumentation import OITracer, TraceConfig
    from openinference.instrumentation.langchain._tracer import OpenInferenceTracer

    provider = _memory_tracer_provider()
    tracer = OITracer(provider.get_tracer(__name__), config=TraceConfig())
    return OpenInferenceTracer(tracer=tracer, separate_trace_from_runtime_context=True)


def openllmetry() -> Any:
    """OpenLLMetry's TraceloopCallbackHandler, spans kept in memory."""
    os.environ["TRACELOOP_TELEMETRY"] = "false"
    from opentelemetry.instrumentation.langchain.callback_handler import (
        TraceloopCallbackHandler,
    )
    from opentelemetry.sdk.metrics import MeterProvider

    provider = _memory_tracer_provider()
    meter = MeterProvider().get_meter(__name__)
    return TraceloopCallbackHandler(
        provider.get_tracer(__name__),
        meter.create_histogram("duration"),
        meter.create_histogram("tokens"),
    )


def langfuse() -> Any:
    """Langfuse's LangChain CallbackHandler, its client pointed at a dead loopback port."""
    os.environ.update(
        {
            "LANGFUSE_PUBLIC_KEY": "pk-lf-offline",
            "LANGFUSE_SECRET_KEY": "sk-lf-offline",
            "LANGFUSE_HOST": LOOPBACK,
            "LANGFUSE_BASE_URL": LOOPBACK,
            # Spans are still made and the handler keeps its per-run state as usual;
            # they are just not exported (no retries against the loopback port, and no
            # export queue that would be charged to the handler under HSTATE-01).
            "LANGFUSE_TRACING_ENABLED": "false",
        }
    )
    from langfuse.langchain import CallbackHandler

    return CallbackHandler()
