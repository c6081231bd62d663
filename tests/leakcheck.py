"""A pytest plugin for the kit's own tests: the suite leaves nothing behind.

Loaded with ``-p leakcheck`` (``tests/`` on the path) while the suite runs
against the reference.  After every test it fails the test if the test left

* a thread running that it started (worker threads of executor pools are
  the implementation's to keep and are not counted),
* an event loop set as the main thread's current loop, or left unclosed,
* a handler active in a configure hook (an unfinished
  ``get_usage_metadata_callback`` block, say).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Generator
from concurrent.futures import thread as executor_threads

import pytest


def _own_threads() -> set[threading.Thread]:
    pool_workers = set(executor_threads._threads_queues)
    return {t for t in threading.enumerate() if t not in pool_workers}


def _current_loop() -> asyncio.AbstractEventLoop | None:
    local = getattr(asyncio.get_event_loop_policy(), "_local", None)
    return getattr(local, "_loop", None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    before = _own_threads()
    result = yield
    for thread in _own_threads() - before:
        thread.join(timeout=1)
    left = [t.name for t in _own_threads() - before if t.is_alive()]
    assert not left, f"{item.nodeid} left threads running: {left}"
    loop = _current_loop()
    assert loop is None or loop.is_closed(), f"{item.nodeid} left an event loop set and open"
    import reference.hooks

    active = list(reference.hooks.active_hook_handlers())
    assert not active, f"{item.nodeid} left configure-hook handlers active: {active}"
    return result
