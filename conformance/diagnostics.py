"""How a failing conformance test is reported.

A failure starts with the clause(s) the test checks (id, level, text), then
pytest's own report of the failing assertion (whose message gives expected
and observed), and ends with two sections: the events the test's handlers
recorded, and how to reproduce the failure with the binding alone.
Hypothesis adds the shrunk example to the assertion's report itself; its
advice to paste ``@reproduce_failure`` into the test is replaced by a replay
command (``--conformance-replay``, see :mod:`conformance.replay`).
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from _pytest._code.code import ReprFileLocation, TerminalRepr

if TYPE_CHECKING:
    from _pytest._io import TerminalWriter

    from conformance.clauses import Clause


@dataclass(eq=False)
class ClauseFailureRepr(TerminalRepr):
    """The test's own failure report, headed by the clauses it checks.

    It carries a ``reprcrash`` whose message names the clauses, so the short
    summary line reads ``FAILED test_x - [ORDER-01] assert ...``.  It has no
    ``reprtraceback``, so pytest-xdist ships it to the controller as text.
    """

    clauses: list[Clause]
    inner: Any

    @property
    def reprcrash(self) -> ReprFileLocation | None:
        crash = getattr(self.inner, "reprcrash", None)
        ids = ", ".join(c.id for c in self.clauses)
        if crash is None:
            return ReprFileLocation("", 0, f"[{ids}]")
        return ReprFileLocation(crash.path, crash.lineno, f"[{ids}] {crash.message}")

    def toterminal(self, tw: TerminalWriter) -> None:
        for clause in self.clauses:
            tw.line(f"clause {clause.headline()}", red=True, bold=True)
            tw.line(f"  source: {clause.source}")
        tw.line("")
        if hasattr(self.inner, "toterminal"):
            self.inner.toterminal(tw)
        else:
            tw.line(str(self.inner))


MAX_STEPS = 15


def program(module: str, steps: list[str]) -> list[str]:
    """``steps`` (code using ``impl``) as a whole program that runs as printed."""
    shown = steps if len(steps) <= MAX_STEPS else steps[-MAX_STEPS:]
    head = ["import asyncio", "import logging"]
    if any("UUID(" in step for step in shown):
        head.append("from uuid import UUID")
    head += [
        f"import {module} as impl",
        "from conformance.recording import recorders",
        "",
        "logging.basicConfig(level=logging.WARNING)  # handler errors are logged as warnings",
        "Recorder, AsyncRecorder, events = recorders(impl)",
        "",
    ]
    if len(steps) > MAX_STEPS:
        head.append(f"# (the first {len(steps) - MAX_STEPS} steps are left out)")
    body = [f"    {step}" for step in shown]
    if any(step.lstrip().startswith("await ") or " = await " in step for step in shown):
        tail = ["", "asyncio.run(main())"]
        head.append("async def main() -> None:")
    else:
        tail = ["", "main()"]
        head.append("def main() -> None:")
    body.append("    print(events.render())")
    return [*head, *body, *tail]


def reproduction(
    impl_name: str,
    test_id: str,
    profile: str | None,
    seed: Any,
    module: str = "",
    steps: list[str] | None = None,
    handler: str | None = None,
    replay: str | None = None,
) -> str:
    """The command that runs this one test again against the same binding
    (``test_id`` is the test file's absolute path, ``::`` and the test's name),
    and, when the test recorded them, its steps as code using the binding."""
    # The interpreter and PYTHONPATH of this run: what made the binding importable.
    words = [sys.executable, "-m", "pytest", f"--impl={impl_name}"]
    if handler:
        words.append(f"--handler={handler}")
    command = shlex.join([*words, test_id])
    path = os.environ.get("PYTHONPATH")
    if path:
        command = f"PYTHONPATH={shlex.quote(path)} {command}"
    lines = [
        "Run this test alone against the same binding:",
        f"  {command}",
    ]
    if replay is not None:
        lines.append("Replay exactly the failing example (same binding, same hypothesis):")
        lines.append(f"  {command} {shlex.quote('--conformance-replay=' + replay)}")
    elif profile or seed is not None:
        extra = []
        if profile:
            extra.append(f"--hypothesis-profile={profile}")
        if seed is not None:
            extra.append(f"--hypothesis-seed={seed}")
        lines.append(f"  (property tests: add {' '.join(extra)} for the same examples)")
    if steps:
        lines.append(
            "What the test did, as a program (Recorder / AsyncRecorder: handlers that record "
            "every event they receive; the events are printed at the end):"
        )
        lines.extend(f"  {line}" for line in program(module, steps))
    return "\n".join(lines)
