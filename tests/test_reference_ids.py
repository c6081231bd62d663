"""The reference's run ids (reference/ids.py): the branches the suite cannot reach
by making ids at ordinary speed."""

from __future__ import annotations

import time
import uuid

import pytest

from reference import ids


@pytest.fixture
def id_state(monkeypatch: pytest.MonkeyPatch) -> None:
    # The counter state is module-global; each test sets its own and
    # monkeypatch puts the real one back.
    monkeypatch.setattr(ids, "_last_ms", ids._last_ms)
    monkeypatch.setattr(ids, "_last_sequence", ids._last_sequence)


def _parts(run_id: uuid.UUID) -> tuple[int, int]:
    """(milliseconds, 74-bit sequence) of a version-7 id."""
    value = run_id.int
    sequence = ((value >> 64) & 0xFFF) << 62 | (value & ((1 << 62) - 1))
    return value >> 80, sequence


def test_a_clock_that_steps_back_keeps_ids_increasing(id_state: None) -> None:
    ahead = time.time_ns() // 1_000_000 + 60_000  # the last id came from a minute ahead
    ids._last_ms, ids._last_sequence = ahead, 5
    made = ids.new_run_id()
    assert _parts(made) == (ahead, 6), "counts up on the last id's millisecond"


def test_a_used_up_sequence_carries_into_the_next_millisecond(id_state: None) -> None:
    ahead = time.time_ns() // 1_000_000 + 60_000
    ids._last_ms, ids._last_sequence = ahead, (1 << 74) - 1
    made = ids.new_run_id()
    assert _parts(made) == (ahead + 1, 0)
    assert (made.version, made.variant) == (7, uuid.RFC_4122)


def test_a_new_millisecond_draws_a_sequence_with_room_to_count(id_state: None) -> None:
    sequences = []
    for _ in range(200):  # a wrong shift would set the top bit about half the time
        ids._last_ms = -1
        sequences.append(_parts(ids.new_run_id())[1])
    assert max(sequences) < 1 << 73, "the top bit of a fresh sequence is clear"
    assert max(sequences) >= 1 << 70, "the rest is random"
