"""Dispatch speed and import time of the reference callbacks implementation.

A script, not a test: it prints numbers and PASS/MISS against informational
targets and always exits 0 (unless an implementation fails to deliver events).

Part 1, dispatch speed, in one process.  One *event* is one start or one end
delivered to all ``HANDLERS`` handlers; one *pair* is a chain start plus its
end.  Every round times each variant once, in the same order (so machine
noise hits all of them alike), ``--pairs`` pairs each; the reported figure is
the median over rounds of (block time / events in the block).

* reference / langchain_core: ``rm = manager.on_chain_start(serialized,
  inputs)`` then ``rm.on_chain_end(outputs)``, with a fresh run id made by the
  manager (the realistic cost) and again with a precomputed ``run_id`` passed
  by the caller (to show what id generation costs).
* plain loop: the same handler methods called directly in a ``for`` loop with
  precomputed run ids: the floor.  "plain loop + uuid4" also makes one
  ``uuid.uuid4()`` per run, the floor for the fresh-id variants.

Part 2, ``import reference`` time, from ``python -X importtime`` in fresh
subprocesses with bytecode caching enabled (after a warm-up run).

Usage: ``python benchmarks/bench_dispatch.py [--quick] [--rounds N]``.
"""

from __future__ import annotations

import os

# No tracers: langchain-core adds a LangSmith tracer when tracing is switched on
# through the environment.  Done before langchain_core is imported.
for _name in (
    "LANGCHAIN_TRACING_V2",
    "LANGCHAIN_TRACING",
    "LANGSMITH_TRACING",
    "LANGSMITH_TRACING_V2",
):
    os.environ.pop(_name, None)

import argparse  # noqa: E402
import gc  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections import deque  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # benchmark this checkout's reference package

import langchain_core.callbacks as lc  # noqa: E402

import reference  # noqa: E402

HANDLERS = 10
SERIALIZED = {"name": "BenchChain", "id": ["bench", "BenchChain"]}
INPUTS = {"question": "What is the airspeed velocity of an unladen swallow?"}
OUTPUTS = {"answer": "African or European?"}

TARGET_VS_LANGCHAIN = 0.5  # reference time / langchain-core time
TARGET_VS_PLAIN = 1.3  # reference time / plain loop time
TARGET_IMPORT_MS = 15.0


# --- handlers -----------------------------------------------------------------


class _Work:
    """The handler bodies: count the event and remember the run id (bounded)."""

    def __init__(self) -> None:
        self.starts = 0
        self.ends = 0
        self.recent: deque[uuid.UUID] = deque(maxlen=64)

    def on_chain_start(self, serialized, inputs, *, run_id, parent_run_id=None, **kwargs):  # type: ignore[no-untyped-def]
        self.starts += 1
        self.recent.append(run_id)

    def on_chain_end(self, outputs, *, run_id, parent_run_id=None, **kwargs):  # type: ignore[no-untyped-def]
        self.ends += 1
        self.recent.append(run_id)


class RefHandler(_Work, reference.BaseCallbackHandler):
    """The work above on the reference's handler base class."""


class LcHandler(_Work, lc.BaseCallbackHandler):
    """The same work on langchain-core's handler base class."""


# --- the timed blocks ----------------------------------------------------------
# Each returns the elapsed nanoseconds for ``n`` start+end pairs.  ``ids`` holds
# ``n`` precomputed run ids for the variants that take them.


def run_manager_fresh(manager, n, ids):  # type: ignore[no-untyped-def]
    start = manager.on_chain_start
    t0 = time.perf_counter_ns()
    for _ in range(n):
        rm = start(SERIALIZED, INPUTS)
        rm.on_chain_end(OUTPUTS)
    return time.perf_counter_ns() - t0


def run_manager_given_id(manager, n, ids):  # type: ignore[no-untyped-def]
    start = manager.on_chain_start
    t0 = time.perf_counter_ns()
    for run_id in ids:
        rm = start(SERIALIZED, INPUTS, run_id=run_id)
        rm.on_chain_end(OUTPUTS)
    return time.perf_counter_ns() - t0


def run_plain(handlers, n, ids):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter_ns()
    for run_id in ids:
        for h in handlers:
            h.on_chain_start(
                SERIALIZED, INPUTS, run_id=run_id, parent_run_id=None, tags=[], metadata={}
            )
        for h in handlers:
            h.on_chain_end(OUTPUTS, run_id=run_id, parent_run_id=None, tags=[])
    return time.perf_counter_ns() - t0


def run_plain_uuid4(handlers, n, ids):  # type: ignore[no-untyped-def]
    new_id = uuid.uuid4
    t0 = time.perf_counter_ns()
    for _ in range(n):
        run_id = new_id()
        for h in handlers:
            h.on_chain_start(
                SERIALIZED, INPUTS, run_id=run_id, parent_run_id=None, tags=[], metadata={}
            )
        for h in handlers:
            h.on_chain_end(OUTPUTS, run_id=run_id, parent_run_id=None, tags=[])
    return time.perf_counter_ns() - t0


class Variant:
    def __init__(self, key, label, runner, target, handlers):  # type: ignore[no-untyped-def]
        self.key = key
        self.label = label
        self.runner = runner
        self.target = target  # a manager or the handler list
        self.handlers = handlers
        self.samples: list[float] = []  # ns per event, one per round

    def run(self, n: int, ids: list[uuid.UUID]) -> int:
        return int(self.runner(self.target, n, ids))

    def events_seen(self) -> int:
        return sum(h.starts + h.ends for h in self.handlers)


def build_variants() -> list[Variant]:
    def ref_handlers() -> list[RefHandler]:
        return [RefHandler() for _ in range(HANDLERS)]

    def lc_handlers() -> list[LcHandler]:
        return [LcHandler() for _ in range(HANDLERS)]

    variants = []
    hs = ref_handlers()
    variants.append(
        Variant("A", "reference        fresh ids", run_manager_fresh,
                reference.CallbackManager(handlers=hs), hs)
    )  # fmt: skip
    hs = lc_handlers()
    variants.append(
        Variant("B", "langchain_core   fresh ids", run_manager_fresh,
                lc.CallbackManager(handlers=hs), hs)
    )  # fmt: skip
    hs = ref_handlers()
    variants.append(Variant("C", "plain loop       given ids (floor)", run_plain, hs, hs))
    hs = ref_handlers()
    variants.append(
        Variant("A'", "reference        caller run_id", run_manager_given_id,
                reference.CallbackManager(handlers=hs), hs)
    )  # fmt: skip
    hs = lc_handlers()
    variants.append(
        Variant("B'", "langchain_core   caller run_id", run_manager_given_id,
                lc.CallbackManager(handlers=hs), hs)
    )  # fmt: skip
    hs = ref_handlers()
    variants.append(Variant("C'", "plain loop + uuid4 per run", run_plain_uuid4, hs, hs))
    return variants


def check_delivery(variants: list[Variant]) -> None:
    """Fail loudly if any variant does not deliver every event to every handler."""
    ids = [uuid.uuid4() for _ in range(3)]
    for v in variants:
        before = v.events_seen()
        v.run(3, ids)
        got = v.events_seen() - before
        want = 3 * 2 * HANDLERS
        last = v.handlers[-1].recent
        if got != want or len(last) < 2 or last[-1] != last[-2]:
            sys.exit(f"{v.key} {v.label.strip()}: delivered {got} events, expected {want}")
    print(f"delivery check: every variant delivered 2 events x {HANDLERS} handlers per pair")


def bench_dispatch(rounds: int, pairs: int) -> dict[str, float]:
    variants = build_variants()
    check_delivery(variants)
    for v in variants:  # warm-up, not recorded
        v.run(min(pairs, 200), [uuid.uuid4() for _ in range(min(pairs, 200))])
    counts_before = {v.key: v.events_seen() for v in variants}
    for _ in range(rounds):
        gc.collect()
        ids = [uuid.uuid4() for _ in range(pairs)]
        for v in variants:
            v.samples.append(v.run(pairs, ids) / (2 * pairs))
    for v in variants:
        got = v.events_seen() - counts_before[v.key]
        if got != rounds * pairs * 2 * HANDLERS:
            sys.exit(f"{v.key}: delivered {got} events during timing, expected more")

    med = {v.key: statistics.median(v.samples) / 1000 for v in variants}  # µs
    print()
    print(
        f"Dispatch: sync CallbackManager, chain start + end, {HANDLERS} handlers; "
        f"{rounds} interleaved rounds x {pairs} pairs"
    )
    print(
        f"one event = one on_chain_start or on_chain_end delivered to all {HANDLERS} handlers; "
        "median over rounds"
    )
    print()
    print(f"  {'':3}{'variant':36}{'µs/event':>10}{'min':>9}{'max':>9}")
    for v in variants:
        lo, hi = min(v.samples) / 1000, max(v.samples) / 1000
        print(f"  {v.key:3}{v.label:36}{med[v.key]:>10.3f}{lo:>9.3f}{hi:>9.3f}")
    print()

    def ratio(label: str, num: str, den: str, target: float | None) -> None:
        r = med[num] / med[den]
        verdict = ""
        if target is not None:
            verdict = f"target <= {target:.2f}x  {'PASS' if r <= target else 'MISS'}"
        else:
            verdict = "(informational)"
        print(f"  {label:46}{r:>7.2f}x   {verdict}")

    print("  ratios")
    ratio("reference / langchain_core  (A/B, fresh ids)", "A", "B", TARGET_VS_LANGCHAIN)
    ratio("reference / plain loop      (A/C, fresh ids)", "A", "C", TARGET_VS_PLAIN)
    ratio("reference / langchain_core  (A'/B', caller id)", "A'", "B'", TARGET_VS_LANGCHAIN)
    ratio("reference / plain loop      (A'/C, caller id)", "A'", "C", TARGET_VS_PLAIN)
    ratio("reference / plain + uuid4   (A/C')", "A", "C'", None)
    print()
    print("  id generation, per event (fresh minus caller id)")
    for key, name in (("A", "reference"), ("B", "langchain_core"), ("C'", "plain + uuid4")):
        base = "C" if key == "C'" else key + "'"
        print(f"  {name:46}{med[key] - med[base]:>7.3f} µs")
    return med


# --- import time -----------------------------------------------------------------


def _import_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # let .pyc files be written and used
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # A -c program puts the working directory first on sys.path: run from the
    # checkout root so that `reference` is this checkout's package.
    return env


def import_time_us(module: str, env: dict[str, str]) -> int:
    """Cumulative µs of ``import module`` (the module plus any parent packages)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    wanted = {".".join(module.split(".")[: i + 1]) for i in range(module.count(".") + 1)}
    total = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|", 2)
        # Top-level entries only (no indentation): nested ones are already in
        # their importer's cumulative figure.
        if name.startswith(" ") and not name.startswith("  ") and name.strip() in wanted:
            total += int(cumulative)
    if total == 0:
        raise RuntimeError(f"no importtime line for {module!r}:\n{proc.stderr[-2000:]}")
    return total


def bench_import(runs: int) -> None:
    env = _import_env()
    print()
    print(
        f"Import time: python -X importtime, fresh process each, bytecode cache warm; "
        f"median of {runs} runs"
    )
    print()
    for module, target in (("reference", TARGET_IMPORT_MS), ("langchain_core.callbacks", None)):
        import_time_us(module, env)  # warm-up: writes the .pyc files
        samples = [import_time_us(module, env) for _ in range(runs)]
        ms = statistics.median(samples) / 1000
        lo, hi = min(samples) / 1000, max(samples) / 1000
        line = f"  import {module:28}{ms:>8.2f} ms   (min {lo:.2f}, max {hi:.2f})"
        if target is not None:
            line += f"   target <= {target:.0f} ms  {'PASS' if ms <= target else 'MISS'}"
        else:
            line += "   (comparison)"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few short rounds (CI smoke run)")
    parser.add_argument("--rounds", type=int, help="interleaved dispatch rounds (default 15)")
    parser.add_argument("--pairs", type=int, help="start+end pairs per variant per round")
    parser.add_argument("--import-runs", type=int, help="subprocess runs per import measurement")
    args = parser.parse_args(argv)

    rounds = args.rounds or (3 if args.quick else 15)
    pairs = args.pairs or (200 if args.quick else 2000)
    import_runs = args.import_runs or (3 if args.quick else 10)
    if min(rounds, pairs, import_runs) < 1:
        parser.error("--rounds, --pairs and --import-runs must be at least 1")

    print(
        f"Python {sys.version.split()[0]}  reference {reference.__version__}  "
        f"langchain-core {_lc_version()}"
    )
    bench_dispatch(rounds, pairs)
    bench_import(import_runs)
    print()
    print("Targets are informational; this script never fails on timings.")
    return 0


def _lc_version() -> str:
    from importlib.metadata import version

    return version("langchain-core")


if __name__ == "__main__":
    sys.exit(main())
