"""Watching a handler while managers deliver events to it.

Managers log and swallow a handler's exception (unless its ``raise_error``
is set), so the suite cannot learn from the run that the handler failed.
:class:`Probe` wraps each event method of the handler *instance* (the class
and the flags are untouched, so managers treat it exactly as before) and
notes, for every call:

* an exception it raised, with its traceback (the handler's own code);
* a change it made to what it was given, found by comparing the canonical
  encoding of the arguments before and after the call;
* how long an async method kept the event loop busy before it first
  yielded or finished.

``NotImplementedError`` from ``on_chat_model_start`` is not a failure: it is
how a handler asks for the ``on_llm_start`` fallback (CHAT-01).
"""

from __future__ import annotations

import functools
import inspect
import threading
import time
import traceback
from dataclasses import dataclass
from typing import Any

from conformance.encoding import EVENT_NAMES, encode_event

__all__ = ["FLAGS", "Incident", "Probe", "is_async_handler"]

FLAGS = (
    "ignore_llm",
    "ignore_chat_model",
    "ignore_chain",
    "ignore_agent",
    "ignore_retriever",
    "ignore_retry",
    "ignore_custom_event",
    "raise_error",
    "run_inline",
)


def is_async_handler(handler: Any) -> bool:
    """Whether managers should await this handler: most of its event methods are async."""
    methods = [getattr(handler, e, None) for e in EVENT_NAMES]
    coroutines = sum(1 for m in methods if m is not None and inspect.iscoroutinefunction(m))
    return coroutines * 2 > len([m for m in methods if m is not None])


@dataclass
class Incident:
    kind: str  # "raised" or "changed its input"
    event: str
    detail: str  # the traceback, or what changed

    def render(self) -> str:
        return f"{self.event} {self.kind}:\n{self.detail}"


class Probe:
    """Instrument ``handler`` in place; read :attr:`incidents` after delivering events."""

    def __init__(self, handler: Any, *, check_inputs: bool = True) -> None:
        self.handler = handler
        self.check_inputs = check_inputs
        self.incidents: list[Incident] = []
        self.calls = 0
        self.longest_block = 0.0  # seconds an async method held the loop in one step
        self.longest_event = ""
        self._lock = threading.Lock()
        self.instrumented = all(self._wrap(name) for name in EVENT_NAMES)

    def failures(self, kind: str) -> list[Incident]:
        return [i for i in self.incidents if i.kind == kind]

    def _note(self, incident: Incident) -> None:
        with self._lock:
            self.incidents.append(incident)

    def _snapshot(self, event: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if not self.check_inputs:
            return None
        try:
            return encode_event(event, args, kwargs)
        except Exception:  # an argument the encoder cannot read: not the handler's fault
            return None

    def _after(
        self, event: str, before: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        if before is None:
            return
        after = self._snapshot(event, args, kwargs)
        if after is not None and after != before:
            changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
            detail = "; ".join(
                f"{k}: before {_short(before.get(k))}, after {_short(after.get(k))}"
                for k in changed
            )
            self._note(Incident("changed its input", event, detail))

    def _raised(self, event: str, error: BaseException) -> None:
        if event == "on_chat_model_start" and isinstance(error, NotImplementedError):
            return
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        self._note(Incident("raised", event, text))

    def _wrap(self, event: str) -> bool:
        method = getattr(self.handler, event, None)
        if method is None:
            return True
        probe = self
        if inspect.iscoroutinefunction(method):

            @functools.wraps(method)
            async def async_call(*args: Any, **kwargs: Any) -> Any:
                probe.calls += 1
                before = probe._snapshot(event, args, kwargs)
                coroutine = method(*args, **kwargs)
                try:
                    result = await _timed(coroutine, probe, event)
                except BaseException as error:
                    probe._raised(event, error)
                    raise
                finally:
                    probe._after(event, before, args, kwargs)
                return result

            wrapper: Any = async_call
        else:

            @functools.wraps(method)
            def call(*args: Any, **kwargs: Any) -> Any:
                probe.calls += 1
                before = probe._snapshot(event, args, kwargs)
                try:
                    return method(*args, **kwargs)
                except BaseException as error:
                    probe._raised(event, error)
                    raise
                finally:
                    probe._after(event, before, args, kwargs)

            wrapper = call
        try:
            object.__setattr__(self.handler, event, wrapper)
        except (AttributeError, TypeError):  # __slots__ or a frozen object: watch from outside
            return False
        return True


async def _timed(coroutine: Any, probe: Probe, event: str) -> Any:
    """Await ``coroutine`` step by step, timing each synchronous stretch on the loop."""
    send_value: Any = None
    error: BaseException | None = None
    while True:
        start = time.perf_counter()
        try:
            if error is not None:
                pending, error = coroutine.throw(error), None
            else:
                pending = coroutine.send(send_value)
        except StopIteration as done:
            _time(probe, event, time.perf_counter() - start)
            return done.value
        _time(probe, event, time.perf_counter() - start)
        try:
            send_value = await _Yield(pending)
        except BaseException as raised:  # delivered back into the coroutine
            error = raised


def _time(probe: Probe, event: str, seconds: float) -> None:
    if seconds > probe.longest_block:
        probe.longest_block = seconds
        probe.longest_event = event


class _Yield:
    """Pass what the coroutine yielded (a future) up to the event loop, once."""

    def __init__(self, pending: Any) -> None:
        self.pending = pending

    def __await__(self) -> Any:
        return (yield self.pending)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
