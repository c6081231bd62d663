"""How fast ``python -m conformance validate`` checks a large JSON Lines log.

Writes a log of ``--events`` payloads (default 100,000) to a temporary file:
the nineteen shipped example payloads in turn, each copy with fresh run ids
and its own text, so no two lines are alike.  Then measures, in this process:

* ``validate``: :func:`conformance.validate.validate_stream` over the file,
  which is everything the CLI does per line (read, decode, parse, check,
  count), median of ``--rounds`` rounds;
* the same with ``--invalid-percent`` of the lines made invalid (a required
  member removed), whose problems are then worked out by jsonschema;
* for comparison, jsonschema alone (``Draft202012Validator.iter_errors``
  with direct dispatch on the event name, and through the envelope schema)
  on a sample of the lines;

and, once, the wall time of ``python -m conformance validate FILE`` in a
fresh interpreter (start-up included).  A script, not a test: it prints a
report and exits 0 whatever the numbers; the target (20,000 events/s) is
informational.

    python benchmarks/bench_validate.py              # 100,000 events, 5 rounds
    python benchmarks/bench_validate.py --quick      # 5,000 events, 2 rounds
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conformance.encoding import EVENT_NAMES, to_json_line
from conformance.schemas import example, validator
from conformance.validate import validate_stream

TARGET = 20_000  # events per second


def make_log(path: Path, events: int, invalid_percent: float) -> int:
    """Write ``events`` lines to ``path``; return how many were made invalid."""
    examples = [example(event) for event in EVENT_NAMES]
    every = round(100 / invalid_percent) if invalid_percent > 0 else 0
    broken = 0
    with open(path, "w", encoding="utf-8") as out:
        for n in range(events):
            payload: dict[str, Any] = json.loads(json.dumps(examples[n % len(examples)]))
            payload["run_id"] = str(uuid.uuid4())
            if "parent_run_id" in payload:
                payload["parent_run_id"] = str(uuid.uuid4())
            payload["kwargs"]["n"] = n
            if every and n % every == every - 1:
                del payload["run_id"]
                broken += 1
            out.write(to_json_line(payload) + "\n")
    return broken


def time_validate(path: Path, rounds: int) -> list[float]:
    """Seconds per round of validate_stream over ``path`` (output discarded)."""
    times = []
    for _ in range(rounds):
        with open(path, "rb") as stream:
            start = time.perf_counter()
            validate_stream(stream, io.StringIO())
            times.append(time.perf_counter() - start)
    return times


def time_jsonschema(path: Path, sample: int, envelope: bool) -> float:
    """Events per second of jsonschema alone on the first ``sample`` lines."""
    with open(path, encoding="utf-8") as stream:
        payloads = [json.loads(line) for _, line in zip(range(sample), stream, strict=False)]
    start = time.perf_counter()
    for payload in payloads:
        chosen = validator("event") if envelope else validator(payload["event"])
        for _ in chosen.iter_errors(payload):
            pass
    return len(payloads) / (time.perf_counter() - start)


def time_cli(path: Path) -> tuple[float, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH", "")]
    )
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "conformance", "validate", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    elapsed = time.perf_counter() - start
    return elapsed, result.stdout.strip().splitlines()[
        -1
    ] if result.stdout.strip() else result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--invalid-percent", type=float, default=1.0)
    parser.add_argument("--sample", type=int, default=5_000, help="lines for the jsonschema rows")
    parser.add_argument("--quick", action="store_true", help="5,000 events, 2 rounds, small sample")
    args = parser.parse_args()
    if args.quick:
        args.events, args.rounds, args.sample = 5_000, 2, 500

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        valid = Path(folder) / "valid.jsonl"
        mixed = Path(folder) / "mixed.jsonl"
        make_log(valid, args.events, 0)
        broken = make_log(mixed, args.events, args.invalid_percent)
        size = valid.stat().st_size
        print(
            f"log: {args.events} events of the 19 kinds in turn, "
            f"{size / 1e6:.1f} MB ({size / args.events:.0f} bytes per line)"
        )
        time_validate(valid, 1)  # warm up: compiles the schemas

        rows: list[tuple[str, float, str]] = []
        times = time_validate(valid, args.rounds)
        rate = args.events / statistics.median(times)
        spread = f"rounds {args.events / max(times):,.0f}..{args.events / min(times):,.0f}"
        rows.append(("validate, all valid", rate, spread))
        times = time_validate(mixed, args.rounds)
        rows.append(
            (
                f"validate, {broken} invalid ({args.invalid_percent:g}%)",
                args.events / statistics.median(times),
                f"rounds {args.events / max(times):,.0f}..{args.events / min(times):,.0f}",
            )
        )
        rows.append(
            (
                "jsonschema alone, direct dispatch",
                time_jsonschema(valid, args.sample, False),
                f"{args.sample} lines",
            )
        )
        rows.append(
            (
                "jsonschema alone, envelope",
                time_jsonschema(valid, args.sample, True),
                f"{args.sample} lines",
            )
        )

        print()
        print(f"| {'what':<38} | {'events/s':>10} | {'':<24} |")
        print(f"| {'-' * 38} | {'-' * 10} | {'-' * 24} |")
        for what, events_per_second, note in rows:
            print(f"| {what:<38} | {events_per_second:>10,.0f} | {note:<24} |")
        verdict = "PASS" if rows[0][1] >= TARGET else "MISS"
        print(f"\ntarget: >= {TARGET:,} events/s for a valid log: {verdict}")

        elapsed, summary = time_cli(valid)
        print(
            f"\npython -m conformance validate ({args.events} events, fresh interpreter): "
            f"{elapsed:.2f} s wall, {args.events / elapsed:,.0f} events/s including start-up; "
            f"it printed: {summary}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
