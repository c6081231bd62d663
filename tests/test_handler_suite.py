"""``--handler``: bad input is one line (exit 4); a correct handler passes under both bindings."""

from __future__ import annotations

import asyncio
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from run_pytest import REPO, run_pytest

Run = Callable[..., subprocess.CompletedProcess[str]]

HANDLERS = """
from reference import BaseCallbackHandler

class Fine(BaseCallbackHandler):
    pass

def boom():
    raise RuntimeError("no credentials configured")

def not_a_handler():
    return object()
"""


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("handlers_here", r"--handler=handlers_here: expected MODULE:CALLABLE"),
        ("no_such_module:Fine", r"no module named 'no_such_module'"),
        (
            "handlers_here:Missing",
            r"module 'handlers_here' \(.*handlers_here.py\) has no 'Missing'",
        ),
        ("handlers_here:boom", r"calling boom\(\) raised RuntimeError: no credentials configured"),
        ("handlers_here:not_a_handler", r"returned 'object', not a callback handler"),
    ],
    ids=["no-colon", "no-module", "no-attribute", "factory-raises", "not-a-handler"],
)
def test_bad_handler_is_one_line_and_exit_4(
    run_in_tmp: Run, tmp_path: Path, spec: str, message: str
) -> None:
    import re

    (tmp_path / "handlers_here.py").write_text(HANDLERS, encoding="utf-8")
    result = run_in_tmp(f"--handler={spec}", "-q")
    assert result.returncode == 4, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1, result.stderr
    assert re.search(message, errors[0]), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("impl", "factory"),
    [
        ("reference", "ReferenceTracer"),
        ("reference", "AsyncReferenceTracer"),
        ("langchain_core", "LangChainTracer"),
        ("langchain_core", "AsyncLangChainTracer"),
    ],
)
def test_a_correct_handler_passes(tmp_path: Path, impl: str, factory: str) -> None:
    report_path = tmp_path / "report.json"
    result = run_pytest(
        f"--handler=broken_handlers.tracers:{factory}",
        f"--impl={impl}",
        "--hypothesis-profile=ci",
        f"--conformance-report={report_path}",
        "--strict",
        "-q",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    output = result.stdout[-4000:] + result.stderr[-2000:]
    assert result.returncode == 0, output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["implementation"]["handler"] == f"broken_handlers.tracers:{factory}"
    statuses = {cid: c["status"] for cid, c in report["clauses"].items()}
    assert all(cid.startswith("H") for cid in statuses), statuses
    expected_not_run = {"HASYNC-01"} if "Async" not in factory else set()
    assert {cid for cid, s in statuses.items() if s != "passed"} == expected_not_run, statuses


@pytest.mark.parametrize("manager_name", ["CallbackManager", "AsyncCallbackManager"])
def test_a_stream_written_as_code_runs_and_delivers_the_same_events(manager_name: str) -> None:
    # The reproduction shown in a failure report is a program: it must run as written
    # and make the same calls as the suite did.
    from hypothesis import HealthCheck, given, settings

    from conformance.binding import load_binding
    from conformance.handler_watch import program
    from conformance.streams import Stream, aplay, plan, play, render, streams

    impl = load_binding("reference")
    is_async = manager_name == "AsyncCallbackManager"

    def events(handler: Any) -> list[str]:
        return [run["kind"] for run in handler.logic.exported]

    @settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(stream=streams())
    def check(stream: Stream) -> None:
        from broken_handlers.tracers import ReferenceTracer

        steps = list(plan(stream, impl, manager_name))
        played = ReferenceTracer()
        env = {"impl": impl, "handler": played}
        if is_async:
            asyncio.run(aplay(steps, env))
        else:
            play(steps, env)
        code = program(
            [render(steps, is_async)],
            is_async,
            "broken_handlers.tracers:ReferenceTracer",
            "reference",
            "one",
        )
        namespace: dict[str, Any] = {}
        exec(compile(code, "<reproduction>", "exec"), namespace)
        assert events(namespace["handler"]) == events(played), code

    check()
