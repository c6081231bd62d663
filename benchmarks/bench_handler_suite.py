"""Time to a verdict: the handler suite on a simple handler, at the default (``dev``) profile.

A script, not a test: it runs ``pytest --handler=...`` in fresh interpreters
from an empty directory, as a handler author would, and prints the wall time
of each run against the target (a verdict in under 20 s on the 2-core
machine).  The handler is the kit's correct tracer
(``tests/broken_handlers/tracers.py``: a dict of runs keyed by run id), sync
and async, under ``--impl=reference`` and ``--impl=langchain_core``.

Usage: ``python benchmarks/bench_handler_suite.py [--runs N] [--profile P]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_S = 20.0
CASES = (
    ("reference", "ReferenceTracer"),
    ("reference", "AsyncReferenceTracer"),
    ("langchain_core", "LangChainTracer"),
    ("langchain_core", "AsyncLangChainTracer"),
)


def run_once(impl: str, factory: str, profile: str | None, workdir: str) -> tuple[float, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "tests"), env.get("PYTHONPATH", "")])
    args = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:langsmith_plugin",
        f"--handler=broken_handlers.tracers:{factory}",
        f"--impl={impl}",
        "-q",
    ]
    if profile:
        args.append(f"--hypothesis-profile={profile}")
    started = time.perf_counter()
    done = subprocess.run(args, cwd=workdir, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-200:]
    return elapsed, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--profile", default=None, help="hypothesis profile (default: dev)")
    options = parser.parse_args()
    print(f"handler suite, {options.runs} run(s) per case, profile {options.profile or 'dev'}")
    with tempfile.TemporaryDirectory() as workdir:
        for impl, factory in CASES:
            times = []
            last = ""
            for _ in range(options.runs):
                elapsed, last = run_once(impl, factory, options.profile, workdir)
                times.append(elapsed)
            median = statistics.median(times)
            verdict = "PASS" if median < TARGET_S else "MISS"
            print(
                f"  --impl={impl:<15} {factory:<21} median {median:5.1f} s "
                f"(min {min(times):.1f}, max {max(times):.1f}) target {TARGET_S:g} s: {verdict}"
                f"  [{last}]"
            )


if __name__ == "__main__":
    main()
