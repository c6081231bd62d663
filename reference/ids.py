"""Run ids: time-ordered UUIDs (version 7, RFC 9562).

Every id a manager makes up (for a run it opens, a custom event, a no-op
run manager) comes from :func:`new_run_id`.  A version-7 UUID starts with
the Unix time in milliseconds, so ids sort by the time they were made and a
tracing backend can order runs, or find a run's time, from its id alone.

Layout of the 128 bits, most significant first::

    48  unix time, milliseconds
     4  version (0b0111)
    12  sequence, high part   \\
     2  variant (0b10)         > 74 bits: random, then counting up
    62  sequence, low part    /

Ids made one after another in a process strictly increase: within one
millisecond (or if the clock steps back) the 74-bit sequence of the previous
id is incremented instead of drawn afresh, under a lock so that threads
never make the same id twice.  A fresh draw leaves the top bit of the
sequence clear, so counting up has room before it must carry into the
timestamp.  (Python 3.14's ``uuid.uuid7`` follows the same RFC.)

``uuid`` and ``os`` are imported on first use: ``import reference`` stays
cheap.
"""

from __future__ import annotations

import _thread  # the low-level lock: no import cost, unlike threading
import time

TYPE_CHECKING = False  # the typing module is imported for the type checker only
if TYPE_CHECKING:
    from collections.abc import Callable
    from uuid import UUID

_SEQUENCE_BITS = 74
_LOW_BITS = 62
_VERSION_7 = 0x7 << 76
_VARIANT_RFC = 0b10 << 62

_lock = _thread.allocate_lock()
_last_ms = -1
_last_sequence = 0
_uuid_class: type[UUID] | None = None
_random_bytes: Callable[[int], bytes] | None = None


def new_run_id() -> UUID:
    """A fresh run id: a version-7 UUID greater than every id made before it."""
    global _last_ms, _last_sequence, _uuid_class, _random_bytes
    if _uuid_class is None or _random_bytes is None:
        import os
        import uuid

        _uuid_class, _random_bytes = uuid.UUID, os.urandom
    now_ms = time.time_ns() // 1_000_000
    with _lock:
        if now_ms > _last_ms:
            # A new millisecond: a fresh random sequence, top bit clear.
            sequence = int.from_bytes(_random_bytes(10), "big") >> (80 - _SEQUENCE_BITS + 1)
        else:
            # Same millisecond (or the clock went back): count up from the last id.
            now_ms, sequence = _last_ms, _last_sequence + 1
            if sequence >> _SEQUENCE_BITS:  # the sequence is used up: borrow the next ms
                now_ms, sequence = now_ms + 1, 0
        _last_ms, _last_sequence = now_ms, sequence
    high, low = sequence >> _LOW_BITS, sequence & ((1 << _LOW_BITS) - 1)
    return _uuid_class(int=(now_ms << 80) | _VERSION_7 | (high << 64) | _VARIANT_RFC | low)
