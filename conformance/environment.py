"""What a suite run sets up around itself, and leaves behind: nothing.

Only a run with ``--impl`` (or ``--handler``) touches any of this; a user's
own test run is left exactly as it was.

* The suite's hypothesis profiles (:mod:`conformance.profiles`) are
  registered, before hypothesis reads ``--hypothesis-profile``.
* Hypothesis keeps caches in a ``.hypothesis/`` folder of the current
  directory even without an example database; it is pointed at a temporary
  folder, removed at the end, so the user's directory gets no new files.
* pytest-asyncio warns at every start when its fixture loop scope is unset;
  a suite run sets it to ``function`` (what the suite uses) unless the
  user's configuration already says something.
* The ``--conformance-report`` path is checked before the run starts, so a
  typo does not cost a whole run.
* Non-daemon threads that a binding started and left running would keep the
  interpreter from exiting after the summary: :func:`lingering_threads`
  names them, and the plugin warns and ends the process (see
  :func:`conformance.plugin.pytest_unconfigure`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from conformance.profiles import register_profiles

__all__ = ["check_report_path", "lingering_threads", "prepare_environment"]

_state: dict[str, object] = {}


def prepare_environment(config: pytest.Config) -> None:
    register_profiles()
    from hypothesis.configuration import set_hypothesis_home_dir

    home = tempfile.mkdtemp(prefix="conformance-hypothesis-")
    set_hypothesis_home_dir(home)
    _state["home"] = home
    _state["threads"] = {t.ident for t in threading.enumerate()}
    _default_asyncio_loop_scope(config)


def cleanup_environment() -> None:
    home = _state.pop("home", None)
    if isinstance(home, str):
        shutil.rmtree(home, ignore_errors=True)


def lingering_threads() -> list[threading.Thread]:
    """Non-daemon threads started since the run began that would keep the process alive.

    Worker threads of ``concurrent.futures`` executors are not counted: the
    interpreter stops them itself at exit.
    """
    before = _state.get("threads")
    if not isinstance(before, set):
        return []
    from concurrent.futures import thread as executor_threads

    stopped_at_exit = set(getattr(executor_threads, "_threads_queues", {}))
    return [
        t
        for t in threading.enumerate()
        if t.ident not in before
        and not t.daemon
        and t is not threading.current_thread()
        and t not in stopped_at_exit
    ]


def _default_asyncio_loop_scope(config: pytest.Config) -> None:
    name = "asyncio_default_fixture_loop_scope"
    try:
        current = config.getini(name)
    except ValueError:  # pytest-asyncio is not installed: no such option, no warning
        return
    if not current:
        # pytest caches ini values by name; pytest-asyncio reads this one
        # in its own configure, after ours.
        config._inicache[name] = "function"


def check_report_path(path: str | None) -> None:
    """Stop the run before it starts when the JSON report could not be written."""
    if not path:
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise pytest.UsageError(f"--conformance-report: {path} is a directory")
    if not folder.is_dir():
        raise pytest.UsageError(f"--conformance-report: cannot write {path}: no folder {folder}")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise pytest.UsageError(f"--conformance-report: cannot write {path}: permission denied")
