"""A callback handler that records every event it receives, as canonical JSON payloads.

::

    from conformance.recorder import EventRecorder

    recorder = EventRecorder()
    chain.invoke(question, config={"callbacks": [recorder]})
    recorder.dump("events.jsonl")      # then: python -m conformance validate events.jsonl

Each of the nineteen documented handler events is recorded as one payload
(see :mod:`conformance.encoding`), encoded when the handler is called, so
later changes to the objects passed do not show.  Payloads are kept in the
order the calls arrived: calls are serialised by a lock, so events delivered
from several threads at once (async managers run sync handlers on worker
threads) are each recorded whole, one after the other.

Which base class
----------------
Callback managers find a handler's methods and flags by name, so
``EventRecorder()`` is a complete handler on its own: the nineteen event
methods, the seven ``ignore_*`` flags (all false), ``raise_error`` and
``run_inline`` (false, so a recording problem never breaks the run being
recorded, and async managers treat it like any other sync handler).  It is
not a subclass of any implementation's ``BaseCallbackHandler``: use
:meth:`EventRecorder.for_binding` where an implementation, or your code,
checks ``isinstance``.  An event method the implementation has beyond the
documented nineteen (langchain-core 1.7 has ``on_stream_event``) is accepted
and not recorded: it has no schema.

The methods are synchronous, which every manager supports: the sync
managers call them directly, the async ones in their executor.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from conformance.encoding import EVENT_NAMES, encode_event, to_json_line

__all__ = ["EventRecorder"]

_subclasses: dict[type, type[EventRecorder]] = {}
_subclasses_lock = threading.Lock()


def _event(name: str) -> Any:
    def record(self: EventRecorder, *args: Any, **kwargs: Any) -> None:
        self._record(name, args, kwargs)

    record.__name__ = record.__qualname__ = name
    record.__doc__ = f"Record a call of ``{name}``."
    return record


def _ignore_nothing(self: Any) -> bool:
    return False


def _ignored_event(*args: Any, **kwargs: Any) -> None:
    return None


class EventRecorder:
    """A handler recording every documented event it receives, in delivery order."""

    #: Errors while recording are never raised into the run being recorded.
    raise_error: bool = False
    #: Async managers may run it on a worker thread, like any sync handler.
    run_inline: bool = False

    ignore_llm = property(_ignore_nothing, doc="Never ignore model events.")
    ignore_chat_model = property(_ignore_nothing, doc="Never ignore chat model starts.")
    ignore_chain = property(_ignore_nothing, doc="Never ignore chain events.")
    ignore_agent = property(_ignore_nothing, doc="Never ignore tool and agent events.")
    ignore_retriever = property(_ignore_nothing, doc="Never ignore retriever events.")
    ignore_retry = property(_ignore_nothing, doc="Never ignore retries.")
    ignore_custom_event = property(_ignore_nothing, doc="Never ignore custom events.")

    on_llm_start = _event("on_llm_start")
    on_chat_model_start = _event("on_chat_model_start")
    on_llm_new_token = _event("on_llm_new_token")
    on_llm_end = _event("on_llm_end")
    on_llm_error = _event("on_llm_error")
    on_chain_start = _event("on_chain_start")
    on_chain_end = _event("on_chain_end")
    on_chain_error = _event("on_chain_error")
    on_tool_start = _event("on_tool_start")
    on_tool_end = _event("on_tool_end")
    on_tool_error = _event("on_tool_error")
    on_retriever_start = _event("on_retriever_start")
    on_retriever_end = _event("on_retriever_end")
    on_retriever_error = _event("on_retriever_error")
    on_agent_action = _event("on_agent_action")
    on_agent_finish = _event("on_agent_finish")
    on_text = _event("on_text")
    on_retry = _event("on_retry")
    on_custom_event = _event("on_custom_event")

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.RLock()  # re-entrant: encoding may run user code
        self._events: list[dict[str, Any]] = []

    @classmethod
    def for_binding(cls, binding: Any) -> EventRecorder:
        """A new recorder that is also an instance of ``binding``'s ``BaseCallbackHandler``.

        ``binding`` is a binding (as the conformance suite's ``impl``), a
        module exposing ``BaseCallbackHandler``, or the handler base class
        itself.  The recorder's methods take precedence over the base's.
        """
        base = binding if isinstance(binding, type) else binding.BaseCallbackHandler
        with _subclasses_lock:
            subclass = _subclasses.get(base)
            if subclass is None:
                subclass = type(f"{cls.__name__}For{base.__name__}", (cls, base), {})
                subclass.__module__ = cls.__module__
                _subclasses[base] = subclass
        return subclass()

    @property
    def events(self) -> list[dict[str, Any]]:
        """The payloads recorded so far, oldest first (a new list on every read)."""
        with self._lock:
            return list(self._events)

    def dump(self, path: str | os.PathLike[str]) -> None:
        """Write the payloads recorded so far to ``path`` as JSON Lines (UTF-8), one per line."""
        lines = [to_json_line(payload) + "\n" for payload in self.events]
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.writelines(lines)

    def _record(self, event: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        with self._lock:
            self._events.append(encode_event(event, args, kwargs))

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes the class lacks: events and ignore
        # flags an implementation has beyond the documented ones.
        if name.startswith("ignore_"):
            return False
        if name.startswith("on_") and not name.startswith("on__"):
            return _ignored_event
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self._events)} events>"


assert all(hasattr(EventRecorder, name) for name in EVENT_NAMES)
