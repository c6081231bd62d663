"""A small, correct tracer in the style of real tracing backends; the broken handlers each
change one thing about it.  It keeps a span per open run, keyed by run id, and exports the
span (here: appends a summary to a bounded list) when the run ends or fails."""

from __future__ import annotations

import threading
from collections import deque
from typing import Any
from uuid import UUID

from reference import BaseCallbackHandler


class Tracer(BaseCallbackHandler):
    def __init__(self) -> None:
        self.spans: dict[UUID, dict[str, Any]] = {}
        self.exported: deque[dict[str, Any]] = deque(maxlen=100)
        self.lock = threading.Lock()

    def _open(self, run_id: UUID, parent_run_id: UUID | None, kind: str, name: Any) -> None:
        parent = self.spans.get(parent_run_id) if parent_run_id else None
        with self.lock:
            self.spans[run_id] = {
                "kind": kind,
                "name": name,
                "trace": parent["trace"] if parent else run_id,
                "tokens": 0,
            }

    def _close(self, run_id: UUID, status: str) -> None:
        with self.lock:
            span = self.spans.pop(run_id, None)
        if span is not None:
            self.exported.append({**span, "status": status})

    @staticmethod
    def _name(serialized: Any, kwargs: dict[str, Any]) -> Any:
        if kwargs.get("name"):
            return kwargs["name"]
        return (serialized or {}).get("name", "unknown")

    def on_chain_start(
        self,
        serialized: Any,
        inputs: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._open(run_id, parent_run_id, "chain", self._name(serialized, kwargs))

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "ok")

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "error")

    def on_llm_start(
        self,
        serialized: Any,
        prompts: list[str],
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._open(run_id, parent_run_id, "llm", self._name(serialized, kwargs))

    def on_chat_model_start(
        self,
        serialized: Any,
        messages: Any,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._open(run_id, parent_run_id, "chat", self._name(serialized, kwargs))

    def on_llm_new_token(self, token: str, *, run_id: UUID, **kwargs: Any) -> None:
        span = self.spans.get(run_id)
        if span is not None:
            span["tokens"] += 1

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "ok")

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "error")

    def on_tool_start(
        self,
        serialized: Any,
        input_str: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._open(run_id, parent_run_id, "tool", self._name(serialized, kwargs))

    def on_tool_end(self, output: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "ok")

    def on_tool_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "error")

    def on_retriever_start(
        self,
        serialized: Any,
        query: str,
        *,
        run_id: UUID,
        parent_run_id: UUID | None = None,
        **kwargs: Any,
    ) -> None:
        self._open(run_id, parent_run_id, "retriever", self._name(serialized, kwargs))

    def on_retriever_end(self, documents: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "ok")

    def on_retriever_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._close(run_id, "error")
