"""How close ``python -m conformance validate`` comes to the speed limit of its engine.

Writes a log of ``--events`` lines (default 200,000) made of complete run
trees: each tree is a chain run with text, a retry, a custom event, an
agent action and finish, and child runs of every kind (a model run with
tokens, a chat model run that fails, tools and retrievers that end and that
fail, a nested chain that fails), built from the shipped example payloads
with fresh run ids, so every one of the nineteen events appears and the log
passes the lifecycle checks.  Then measures, in this one process:

* **floor**: what no validator of this log can beat with these engines:
  per line, ``orjson.loads`` and ``jsonschema-rs`` ``is_valid`` against the
  event's schema, nothing else;
* **validate**: :func:`conformance.validate.validate_file`, everything the
  command does (read, parse, schema check, lifecycle check, count, report),
  with its output discarded;
* the same two on an **all-invalid** log of the same size (every line lacks
  its ``run_id``), where every line gets its located message;

and prints the ratios (goal: validate at least 0.8 of the floor; an invalid
log at least a quarter of the speed of a valid one), median of ``--rounds``.
A script, not a test: it exits 0 whatever the numbers.

    python benchmarks/bench_validate.py              # 200,000 events, 3 rounds
    python benchmarks/bench_validate.py --quick      # 5,000 events, 1 round
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson

from conformance.encoding import EVENT_NAMES, to_json_line
from conformance.schemas import example, fast_validator
from conformance.validate import validate_file

GOAL = 0.8

# (event, run label, parent label) of one run tree; labels become fresh uuids per tree.
TREE: list[tuple[str, str, str | None]] = [
    ("on_chain_start", "root", None),
    ("on_text", "root", None),
    ("on_retry", "root", None),
    ("on_custom_event", "root", None),
    ("on_llm_start", "llm", "root"),
    ("on_llm_new_token", "llm", "root"),
    ("on_llm_new_token", "llm", "root"),
    ("on_llm_end", "llm", "root"),
    ("on_chat_model_start", "chat", "root"),
    ("on_llm_error", "chat", "root"),
    ("on_agent_action", "root", None),
    ("on_tool_start", "tool", "root"),
    ("on_tool_end", "tool", "root"),
    ("on_tool_start", "tool2", "root"),
    ("on_tool_error", "tool2", "root"),
    ("on_retriever_start", "ret", "root"),
    ("on_retriever_end", "ret", "root"),
    ("on_retriever_start", "ret2", "root"),
    ("on_retriever_error", "ret2", "root"),
    ("on_chain_start", "sub", "root"),
    ("on_chain_error", "sub", "root"),
    ("on_agent_finish", "root", None),
    ("on_chain_end", "root", None),
]


def make_log(path: Path, events: int, *, invalid: bool) -> None:
    examples = {event: example(event) for event in EVENT_NAMES}
    with open(path, "w", encoding="utf-8") as out:
        written = 0
        while written < events:  # whole trees only: the log may end a little past events
            ids = {label: str(uuid.uuid4()) for _, label, _ in TREE}
            for event, label, parent in TREE:
                payload: dict[str, Any] = json.loads(json.dumps(examples[event]))
                payload["run_id"] = ids[label]
                if "parent_run_id" in payload:
                    payload["parent_run_id"] = ids[parent] if parent else None
                payload["kwargs"]["n"] = written
                if invalid:
                    del payload["run_id"]
                out.write(to_json_line(payload) + "\n")
                written += 1


def floor(path: Path) -> None:
    loads = orjson.loads
    validators = {event: fast_validator(event).is_valid for event in EVENT_NAMES}
    with open(path, "rb") as stream:
        for line in stream:
            payload = loads(line)
            validators[payload["event"]](payload)


def validate(path: Path) -> None:
    out = io.StringIO()
    validate_file(str(path), out, io.StringIO())


def best(run: Callable[[Path], None], path: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="5,000 events, 1 round")
    args = parser.parse_args()
    events, rounds = (5_000, 1) if args.quick else (args.events, args.rounds)

    with tempfile.TemporaryDirectory() as tmp:
        valid_log, invalid_log = Path(tmp) / "valid.jsonl", Path(tmp) / "invalid.jsonl"
        make_log(valid_log, events, invalid=False)
        make_log(invalid_log, events, invalid=True)
        with open(valid_log, "rb") as lines:
            events = sum(1 for _ in lines)
        rows = []
        for name, log in (("all valid", valid_log), ("all invalid", invalid_log)):
            f = best(floor, log, rounds) if name == "all valid" else None
            v = best(validate, log, rounds)
            rows.append((name, f, v))
        printed = subprocess.run(
            [sys.executable, "-m", "conformance", "validate", str(valid_log)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.splitlines()[-1]

    print(f"{events:,} events per log, median of {rounds} round(s)\n")
    print("| log | floor (orjson + jsonschema-rs is_valid) | validate (whole command) | ratio |")
    print("|---|---|---|---|")
    (_, floor_valid, valid_s), (_, _, invalid_s) = rows
    assert floor_valid is not None
    ratio = floor_valid / valid_s
    print(
        f"| all valid | {events / floor_valid:,.0f} events/s | {events / valid_s:,.0f} events/s "
        f"| {ratio:.2f} of the floor (goal {GOAL}) |"
    )
    print(
        f"| all invalid | - | {events / invalid_s:,.0f} events/s "
        f"| {valid_s / invalid_s:.2f} of the valid log's speed (goal 0.25) |"
    )
    print(f"\nthe command on the valid log, in a fresh interpreter; it printed: {printed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
