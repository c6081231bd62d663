"""A correct tracer, written the way tracing handlers are written: a dict of open runs keyed by
run id, a parent looked up when known, the run exported (here: appended to a bounded list of
finished runs) and forgotten when it ends, by end or by error.

``ReferenceTracer`` / ``AsyncReferenceTracer`` derive from the reference's handler classes,
``LangChainTracer`` / ``AsyncLangChainTracer`` the same code from langchain-core's: the kit's
tests check that the handler suite passes each under the managers it was written for.  The
broken handlers of this package subclass the reference ones and change one thing.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler as LcAsyncHandler
from langchain_core.callbacks import BaseCallbackHandler as LcHandler

from reference import AsyncCallbackHandler, BaseCallbackHandler

#: How many finished runs a tracer keeps (an exporter's bounded queue).
EXPORTED = 64


class TracerLogic:
    """The bookkeeping every event method below shares (thread-safe)."""

    def __init__(self) -> None:
        self.runs: dict[UUID, dict[str, Any]] = {}
        self.exported: deque[dict[str, Any]] = deque(maxlen=EXPORTED)
        self.lock = threading.Lock()

    def name_of(self, serialized: dict[str, Any] | None, kwargs: dict[str, Any]) -> str:
        if kwargs.get("name"):
            return str(kwargs["name"])
        if serialized:
            if serialized.get("name"):
                return str(serialized["name"])
            ids = serialized.get("id")
            if isinstance(ids, list) and ids:
                return str(ids[-1])
        return "unnamed"

    def start(
        self,
        kind: str,
        serialized: dict[str, Any] | None,
        inputs: Any,
        run_id: UUID,
        parent_run_id: UUID | None,
        tags: list[str] | None,
        metadata: dict[str, Any] | None,
        kwargs: dict[str, Any],
    ) -> None:
        with self.lock:
            parent = self.runs.get(parent_run_id) if parent_run_id else None
            self.runs[run_id] = {
                "kind": kind,
                "name": self.name_of(serialized, kwargs),
                "trace": parent["trace"] if parent else (parent_run_id or run_id),
                "inputs": inputs,
                "tags": list(tags or []),
                "metadata": dict(metadata or {}),
                "events": 0,
            }

    def event(self, run_id: UUID) -> None:
        with self.lock:
            run = self.runs.get(run_id)
            if run is not None:
                run["events"] += 1

    def end(self, run_id: UUID, outputs: Any, error: BaseException | None = None) -> None:
        with self.lock:
            run = self.runs.pop(run_id, None)
            if run is None:
                return  # its start was filtered by an ignore flag, or never reached us
            run["outputs"] = outputs
            run["error"] = repr(error) if error is not None else None
            self.exported.append(run)


def _methods(is_async: bool) -> dict[str, Any]:
    """The event methods, as sync or async functions over :class:`TracerLogic`."""

    def make(body: Any) -> Any:
        if not is_async:
            return body

        async def method(self: Any, *args: Any, **kwargs: Any) -> None:
            body(self, *args, **kwargs)

        method.__name__ = body.__name__
        return method

    def on_llm_start(
        self, serialized, prompts, *, run_id, parent_run_id=None, tags=None, metadata=None, **kwargs
    ):  # type: ignore[no-untyped-def]
        self.logic.start("llm", serialized, prompts, run_id, parent_run_id, tags, metadata, kwargs)

    def on_chat_model_start(
        self,
        serialized,
        messages,
        *,
        run_id,
        parent_run_id=None,
        tags=None,
        metadata=None,
        **kwargs,
    ):  # type: ignore[no-untyped-def]
        inputs = [[getattr(m, "content", m) for m in batch] for batch in messages]
        self.logic.start("chat", serialized, inputs, run_id, parent_run_id, tags, metadata, kwargs)

    def on_chain_start(
        self, serialized, inputs, *, run_id, parent_run_id=None, tags=None, metadata=None, **kwargs
    ):  # type: ignore[no-untyped-def]
        self.logic.start("chain", serialized, inputs, run_id, parent_run_id, tags, metadata, kwargs)

    def on_tool_start(
        self,
        serialized,
        input_str,
        *,
        run_id,
        parent_run_id=None,
        tags=None,
        metadata=None,
        **kwargs,
    ):  # type: ignore[no-untyped-def]
        self.logic.start(
            "tool", serialized, input_str, run_id, parent_run_id, tags, metadata, kwargs
        )

    def on_retriever_start(
        self, serialized, query, *, run_id, parent_run_id=None, tags=None, metadata=None, **kwargs
    ):  # type: ignore[no-untyped-def]
        self.logic.start(
            "retriever", serialized, query, run_id, parent_run_id, tags, metadata, kwargs
        )

    def on_llm_new_token(self, token, *, run_id, **kwargs):  # type: ignore[no-untyped-def]
        self.logic.event(run_id)

    def on_llm_end(self, response, *, run_id, **kwargs):  # type: ignore[no-untyped-def]
        texts = [g.text for batch in response.generations for g in batch]
        self.logic.end(run_id, texts)

    def on_chain_end(self, outputs, *, run_id, **kwargs):  # type: ignore[no-untyped-def]
        self.logic.end(run_id, outputs)

    def on_tool_end(self, output, *, run_id, **kwargs):  # type: ignore[no-untyped-def]
        self.logic.end(run_id, output)

    def on_retriever_end(self, documents, *, run_id, **kwargs):  # type: ignore[no-untyped-def]
        self.logic.end(run_id, [d.page_content for d in documents])

    def on_error(self, error, *, run_id, **kwargs):  # type: ignore[no-untyped-def]
        self.logic.end(run_id, None, error)

    def on_other(self, *args, run_id, **kwargs):  # type: ignore[no-untyped-def]
        self.logic.event(run_id)

    methods = {
        f.__name__: make(f)
        for f in (
            on_llm_start,
            on_chat_model_start,
            on_chain_start,
            on_tool_start,
            on_retriever_start,
            on_llm_new_token,
            on_llm_end,
            on_chain_end,
            on_tool_end,
            on_retriever_end,
        )
    }
    for name in ("on_llm_error", "on_chain_error", "on_tool_error", "on_retriever_error"):
        methods[name] = make(on_error)
    for name in ("on_text", "on_retry", "on_agent_action", "on_agent_finish", "on_custom_event"):
        methods[name] = make(on_other)
    for name, method in methods.items():
        method.__name__ = name
    return methods


def _init(self: Any) -> None:
    self.logic = TracerLogic()


def _tracer(name: str, base: type) -> type:
    is_async = "Async" in base.__name__
    return type(name, (base,), {"__init__": _init, **_methods(is_async)})


ReferenceTracer = _tracer("ReferenceTracer", BaseCallbackHandler)
AsyncReferenceTracer = _tracer("AsyncReferenceTracer", AsyncCallbackHandler)
LangChainTracer = _tracer("LangChainTracer", LcHandler)
AsyncLangChainTracer = _tracer("AsyncLangChainTracer", LcAsyncHandler)
