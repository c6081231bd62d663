"""Watching a handler under test: what it raised, what it received, how long it blocked.

:class:`Watch` wraps each event method of one handler *instance* (the class
is not touched; the managers look the methods up on the instance, so they
call the wrappers).  A wrapper keeps the handler's own exception with its
traceback (then re-raises it, so the manager sees exactly what it would
have seen), a fingerprint of every object the event received (to tell later
whether the handler changed it), and, for a coroutine method, how long each
step of the coroutine ran between two awaits.

:func:`failure` writes a handler clause failure: the handler's exception
and traceback first, then the stream(s) that broke it as runnable code.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from conformance.suite.support import EVENTS

#: Arguments that are not objects a handler could change.
_IMMUTABLE_ARGUMENTS = frozenset({"run_id", "parent_run_id"})
_MAX_DEPTH = 12


@dataclass
class Raised:
    """An exception an event method of the handler raised."""

    event: str
    error: BaseException
    text: str  # the traceback, from the handler's frames on


@dataclass
class Received:
    """One object an event delivered to the handler, and its fingerprint at delivery."""

    event: str
    argument: str
    value: Any
    before: Any


@dataclass
class Watch:
    """Wraps the event methods of ``handler``; see the module docstring."""

    handler: Any
    isolation: bool = True  # fingerprint what the handler receives (retains it)
    timing: bool = False  # time the steps of coroutine event methods
    raised: list[Raised] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    longest: tuple[float, str] = (0.0, "")  # longest coroutine step: seconds, event
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        for event in EVENTS:
            original = getattr(self.handler, event, None)
            if original is None or not callable(original):
                continue
            wrapper = (
                self._async(event, original)
                if inspect.iscoroutinefunction(original)
                else self._sync(event, original)
            )
            object.__setattr__(self.handler, event, wrapper)

    # --- wrappers -------------------------------------------------------------------

    def _sync(self, event: str, original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self._receive(event, args, kwargs)
            try:
                return original(*args, **kwargs)
            except BaseException as error:
                self._raised(event, error)
                raise

        wrapper.__name__ = event
        return wrapper

    def _async(self, event: str, original: Any) -> Any:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            self._receive(event, args, kwargs)
            try:
                coroutine = original(*args, **kwargs)
                if self.timing and inspect.iscoroutine(coroutine):
                    return await _Timed(coroutine, self, event)
                return await coroutine
            except BaseException as error:
                self._raised(event, error)
                raise

        wrapper.__name__ = event
        return wrapper

    def _receive(self, event: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if not self.isolation:
            return
        try:
            bound = EVENTS[event].bind(*args, **kwargs)
            named = dict(bound.arguments)
            named.update(named.pop("kwargs", {}))
        except TypeError:
            named = {f"argument {i}": a for i, a in enumerate(args)} | kwargs
        items = [
            Received(event, name, value, fingerprint(value))
            for name, value in named.items()
            if name not in _IMMUTABLE_ARGUMENTS
        ]
        with self._lock:
            self.received.extend(items)

    def _raised(self, event: str, error: BaseException) -> None:
        if event == "on_chat_model_start" and isinstance(error, NotImplementedError):
            return  # the documented way to ask for the LLM fallback
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            return
        with self._lock:
            self.raised.append(Raised(event, error, _handler_traceback(error)))

    def step(self, seconds: float, event: str) -> None:
        with self._lock:
            if seconds > self.longest[0]:
                self.longest = (seconds, event)

    # --- verdicts ---------------------------------------------------------------------

    def changed(self) -> list[str]:
        """One line per object the handler received that is no longer what it was."""
        lines = []
        for item in self.received:
            after = fingerprint(item.value)
            if after != item.before:
                lines.append(
                    f"{item.event}: {item.argument} was {_show(item.before)}, is now {_show(after)}"
                )
        return lines


class _Timed:
    """Awaits a coroutine step by step, timing each step (the code between two awaits)."""

    def __init__(self, coroutine: Any, watch: Watch, event: str) -> None:
        self.coroutine = coroutine
        self.watch = watch
        self.event = event

    def __await__(self) -> Generator[Any, Any, Any]:
        send: Any = None
        throw: BaseException | None = None
        while True:
            started = time.perf_counter()
            try:
                if throw is not None:
                    yielded = self.coroutine.throw(throw)
                else:
                    yielded = self.coroutine.send(send)
            except StopIteration as done:
                self.watch.step(time.perf_counter() - started, self.event)
                return done.value
            finally:
                throw = None
            self.watch.step(time.perf_counter() - started, self.event)
            try:
                send = yield yielded
            except BaseException as error:  # cancellation and the like go to the coroutine
                throw, send = error, None


def _handler_traceback(error: BaseException) -> str:
    """The traceback of ``error`` without this module's frames: it starts in the handler."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename != __file__]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines.extend(traceback.format_exception_only(type(error), error))
    return "".join(lines).rstrip()


def fingerprint(value: Any, depth: int = 0, seen: frozenset[int] = frozenset()) -> Any:
    """A comparable structure of ``value``'s contents (containers and object attributes,
    recursively), so that a change made in place shows as a different fingerprint."""
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return (type(value).__name__, repr(value))
    if depth > _MAX_DEPTH or id(value) in seen:
        return ("...",)
    inner = seen | {id(value)}

    def fp(v: Any) -> Any:
        return fingerprint(v, depth + 1, inner)

    if isinstance(value, dict):
        return ("dict", tuple((fp(k), fp(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(fp(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return (type(value).__name__, tuple(sorted(repr(fp(v)) for v in value)))
    if isinstance(value, BaseException):
        return (type(value).__name__, fp(value.args))
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        return (type(value).__qualname__, fp(dict(attributes)))
    slots = [s for c in type(value).__mro__ for s in getattr(c, "__slots__", ())]
    if slots:
        return (type(value).__qualname__, tuple((s, fp(getattr(value, s, None))) for s in slots))
    return (type(value).__qualname__, repr(value))


def _show(fp: Any) -> str:
    text = _unfingerprint(fp)
    return text if len(text) <= 200 else text[:197] + "..."


def _unfingerprint(fp: Any) -> str:
    kind = fp[0]
    if len(fp) == 2 and isinstance(fp[1], str):
        return fp[1]
    if kind == "dict":
        return "{" + ", ".join(f"{_unfingerprint(k)}: {_unfingerprint(v)}" for k, v in fp[1]) + "}"
    if kind in ("list", "tuple"):
        inner = ", ".join(_unfingerprint(v) for v in fp[1])
        return f"[{inner}]" if kind == "list" else f"({inner})"
    if kind == "...":
        return "..."
    return f"{kind}({_unfingerprint(fp[1]) if len(fp) > 1 else ''})"


def is_async_handler(handler: Any, impl: Any) -> bool:
    """Whether ``handler`` is an async handler: an instance of the binding's
    ``AsyncCallbackHandler``, or of a class of that name (a handler written against
    another binding's base classes gets the same verdict)."""
    if isinstance(handler, impl.AsyncCallbackHandler):
        return True
    return any(cls.__name__ == "AsyncCallbackHandler" for cls in type(handler).__mro__)


# --- reporting ----------------------------------------------------------------------------


def factory_import(spec: str) -> str:
    """The import that makes ``factory`` the ``--handler`` factory."""
    module, _, attr = spec.partition(":")
    if "." in attr:
        return f"import {module}\nfactory = {module}.{attr}"
    return f"from {module} import {attr} as factory"


def program(
    bodies: Sequence[list[str]], is_async: bool, spec: str, impl_module: str, how: str
) -> str:
    """A runnable program: the preamble, the stream functions (``play``, or ``play_0``,
    ``play_1``, ... when several), and the lines that run them (``how``: ``one``,
    ``threads`` or ``tasks``) with one handler from the factory."""
    from conformance.streams import PREAMBLE

    lines = [*PREAMBLE, f"import {impl_module} as impl", *factory_import(spec).splitlines(), ""]
    names = []
    for index, body in enumerate(bodies):
        name = "play" if len(bodies) == 1 else f"play_{index}"
        names.append(name)
        lines.append(body[0].replace("play(", f"{name}(", 1))
        lines.extend(body[1:])
        lines.append("")
    lines.append("handler = factory()")
    if how == "threads":
        lines.append("import threading")
        targets = ", ".join(names)
        lines.append(
            f"threads = [threading.Thread(target=p, args=(handler,)) for p in ({targets},)]"
        )
        lines.append("for t in threads: t.start()")
        lines.append("for t in threads: t.join()")
    elif how == "tasks":
        calls = ", ".join(f"{n}(handler)" for n in names)
        lines.append("async def main():")
        lines.append(f"    await asyncio.gather({calls})")
        lines.append("asyncio.run(main())")
    elif is_async:
        lines.append("asyncio.run(play(handler))")
    else:
        lines.append("play(handler)")
    return "\n".join(lines)


MAX_RAISED = 3


class HandlerCheckFailed(AssertionError):
    """A handler check failed; its message is the whole report (the plugin shows it alone,
    without the suite's own traceback)."""


def check(ok: bool, message: Callable[[], str]) -> None:
    """Raise :class:`HandlerCheckFailed` with ``message()`` unless ``ok``."""
    if not ok:
        raise HandlerCheckFailed(message())


@contextmanager
def quiet_logs(level: int = logging.WARNING) -> Iterator[None]:
    """Silence log records of ``level`` and below while a stream plays: the managers log each
    exception a handler raises, and a failing property would repeat them hundreds of times
    while shrinking (the failure report shows the exception itself). HSTATE-01 silences every
    level: pytest's log capture keeps each record (with its traceback and frames), and that
    memory is not the handler's."""
    previous = logging.root.manager.disable
    logging.disable(level)
    try:
        yield
    finally:
        logging.disable(previous)


def report_text(error: BaseException | None) -> str | None:
    """The report of a failed handler check found in ``error`` (hypothesis may wrap several
    in an exception group), with hypothesis's notes (the ``@reproduce_failure`` line)."""
    if isinstance(error, HandlerCheckFailed):
        notes = [n for n in getattr(error, "__notes__", ()) if "reproduce" in n]
        return "\n\n".join([str(error), *notes])
    for inner in getattr(error, "exceptions", ()):
        text = report_text(inner)
        if text is not None:
            return text
    return None


def failure(what: str, watch: Watch, code: str, changed: Sequence[str] = ()) -> str:
    """The message of a failed handler check: what went wrong, the handler's own
    exception(s) with traceback, what it changed, then the stream as code."""
    parts = [what]
    for raised in watch.raised[:MAX_RAISED]:
        parts.append(
            f"{type(watch.handler).__name__}.{raised.event} raised "
            f"{type(raised.error).__name__}: {raised.error}\n{raised.text}"
        )
    if len(watch.raised) > MAX_RAISED:
        parts.append(f"... and {len(watch.raised) - MAX_RAISED} more exceptions")
    if changed:
        shown = list(changed[:5]) + (
            [f"... and {len(changed) - 5} more"] if len(changed) > 5 else []
        )
        parts.append("Objects the handler changed:\n" + "\n".join(f"  {c}" for c in shown))
    parts.append(
        "The event stream (shrunk by hypothesis), as code; run it to reproduce:\n"
        + "\n".join(f"    {line}" for line in code.splitlines())
    )
    return "\n\n".join(parts)
