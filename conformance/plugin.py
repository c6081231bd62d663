"""The pytest plugin: ``pytest --impl=MODULE`` runs the conformance suite against MODULE.

Registered through the ``pytest11`` entry point, so it is active wherever the
kit is installed.  Without ``--impl`` it only adds its options (and
``--clauses`` lists the catalogue): a user's own test run is not changed.
With ``--impl``:

* the binding is imported and checked before collection; a missing module,
  missing names, an import that raises or hangs stop the run with one line
  (a pytest usage error, exit status 4);
* the suite directory inside the installed kit is added to what pytest
  collects: it replaces the default paths (``testpaths`` or the current
  directory) and is added beside explicitly given paths, unless one of them
  is already inside the suite (so nothing is collected twice);
* ``--clause=ID`` (or an area, ``--clause=ORDER``; repeatable) keeps only the
  tests of those clauses;
* the report header names the implementation, its version and its file;
* entries of the expectations file (``--expectations``; the kit ships one for
  ``langchain_core``) make tests expected failures, by test name (strict) or
  by clause id (see :mod:`conformance.expectations`);
* a failing test's report starts with its clauses, and ends with the events
  its handlers recorded and the command that reruns it;
* a test whose clauses are all SHOULD clauses does not fail the run when it
  fails: it is reported as "not met" (an expected failure), unless pytest's
  ``--strict`` is given;
* ``--clause-failfast`` skips the remaining tests of a clause once it has
  failed (on each pytest-xdist worker separately; under ``--clause``, a test
  is skipped once the selected clauses among its own have failed);
* every test call has a time limit (``--conformance-timeout``, 60 s), so a
  binding that deadlocks fails that test instead of hanging the run;
* the run ends with a summary per clause and level, and
  ``--conformance-report=PATH`` writes the same results as JSON.

``--handler=MODULE:CALLABLE`` runs the handler suite instead (and only it)
on the handlers the factory returns, driven by the managers of ``--impl``
(default ``reference``); see :mod:`conformance.handler_binding`.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conformance import __version__
from conformance.binding import Binding, BindingError, load_binding
from conformance.clauses import Catalogue, CatalogueError, load_catalogue, render_listing
from conformance.diagnostics import ClauseFailureRepr, reproduction
from conformance.environment import (
    check_report_path,
    cleanup_environment,
    lingering_threads,
    prepare_environment,
)
from conformance.expectations import Expectations, ExpectationsError, load_expectations
from conformance.handler_binding import HANDLER_SUITE_DIR, handler_sections
from conformance.handler_watch import report_text
from conformance.partial import MISSING_KEY, header_lines, mark_not_run, start_test
from conformance.results import Results, write_report

if TYPE_CHECKING:
    from collections.abc import Sequence

SUITE_DIR = Path(__file__).parent / "suite"
SHIPPED_EXPECTATIONS = {"langchain_core": Path(__file__).parent / "data" / "langchain_core.xfail"}
DEFAULT_TIMEOUT = 60.0

binding_key = pytest.StashKey[Binding]()
handler_key = pytest.StashKey[Any]()  # conformance.handler_binding.HandlerFactory
expectations_key = pytest.StashKey[Expectations]()
results_key = pytest.StashKey[Results]()
replay_key = pytest.StashKey[bytes]()  # --conformance-replay, checked
blob_key = pytest.StashKey[str]()  # a failed property test's example, for the replay command


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("callbacks-conformance", "LangChain callbacks conformance suite")
    group.addoption(
        "--impl",
        metavar="MODULE",
        default=None,
        help="run the conformance suite against MODULE (built-in: reference, langchain_core)",
    )
    group.addoption(
        "--expectations",
        "--xfails-file",
        dest="expectations",
        metavar="PATH",
        default=None,
        help="file of known failures (test name or clause id: reason); "
        "the kit ships one for langchain_core",
    )
    group.addoption(
        "--clause",
        dest="clause_filter",
        action="append",
        metavar="ID",
        default=[],
        help="run only the tests of this clause or area (e.g. ORDER-02, ORDER); repeatable",
    )
    group.addoption(
        "--clause-failfast",
        action="store_true",
        help="once a clause has failed, skip the rest of its tests (a quicker verdict per clause)",
    )
    group.addoption(
        "--clauses",
        dest="list_clauses",
        action="store_true",
        help="list the clause catalogue and exit",
    )
    group.addoption(
        "--conformance-report",
        metavar="PATH",
        default=None,
        help="write per-clause results as JSON to PATH",
    )
    group.addoption(
        "--conformance-timeout",
        type=float,
        metavar="SECONDS",
        default=DEFAULT_TIMEOUT,
        help=f"time limit of each conformance test (default {DEFAULT_TIMEOUT:g}; 0: none)",
    )
    group.addoption(
        "--conformance-replay",
        metavar="BLOB",
        default=None,
        help="replay one failing property example (the value a failure report's "
        "'conformance: reproduce' section gives) in the one selected test",
    )
    from conformance.handler_binding import add_option as _add_handler_option

    _add_handler_option(group)


def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if config.getoption("list_clauses"):
        print(render_listing(load_catalogue()), end="")
        return 0
    return None


@pytest.hookimpl(tryfirst=True)  # before hypothesis's and pytest-asyncio's own configure
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "clause(*ids): the catalogue clauses a conformance test checks"
    )
    name = config.getoption("impl")
    handler_spec = config.getoption("handler")
    if name is None and handler_spec is None:
        return  # a user's own run: nothing of theirs is changed
    if handler_spec is not None and name is None:
        name = "reference"
    prepare_environment(config)
    try:
        catalogue = load_catalogue()
        config.stash[binding_key] = load_binding(name)
    except (BindingError, CatalogueError) as error:
        raise pytest.UsageError(str(error)) from None
    shipped = None if handler_spec is not None else SHIPPED_EXPECTATIONS.get(name)
    path = config.getoption("expectations") or shipped
    try:
        config.stash[expectations_key] = load_expectations(path)
    except ExpectationsError as error:
        raise pytest.UsageError(str(error)) from None
    unknown = [p for p in config.getoption("clause_filter") if not catalogue.select([p])]
    if unknown:
        raise pytest.UsageError(
            f"--clause: no clause or area {', '.join(map(repr, unknown))} "
            "(pytest --clauses lists them)"
        )
    check_report_path(config.getoption("conformance_report"))
    replay = config.getoption("conformance_replay")
    if replay is not None:
        from conformance.replay import ReplayError, check_blob

        try:
            config.stash[replay_key] = check_blob(replay)
        except ReplayError as error:
            raise pytest.UsageError(str(error)) from None
    if config.getoption("conformance_timeout") < 0:
        raise pytest.UsageError("--conformance-timeout: must be 0 (no limit) or more seconds")
    part = "handler" if handler_spec is not None else "implementation"
    config.stash[results_key] = results = Results(
        catalogue.part(part), config.getoption("clause_filter") or None
    )
    config.pluginmanager.register(ConformanceRun(config, results), "callbacks-conformance-run")
    if not config.getoption("hypothesis_profile", None):
        from hypothesis import settings

        # Hypothesis loads its own "ci" profile when it detects a CI service;
        # keep that intent (derandomized runs in CI) with the suite's "ci".
        in_ci = settings.get_current_profile_name() == "ci"
        settings.load_profile("ci" if in_ci else "dev")
    if handler_spec is not None:
        from conformance.handler_binding import configure

        configure(config, handler_spec, handler_key)
        return
    _add_suite_to_args(config)


def _add_suite_to_args(config: pytest.Config) -> None:
    explicit = config.args_source == pytest.Config.ArgsSource.ARGS
    if not explicit:
        config.args[:] = [str(SUITE_DIR)]
    elif not any(_inside_suite(arg, config.invocation_params.dir) for arg in config.args):
        config.args.append(str(SUITE_DIR))


def _inside_suite(arg: str, cwd: Path) -> bool:
    path = Path(arg.split("::")[0])
    path = (cwd / path).resolve()
    suite = SUITE_DIR.resolve()
    return path == suite or suite in path.parents


def pytest_report_header(config: pytest.Config) -> Sequence[str] | None:
    binding = config.stash.get(binding_key, None)
    if binding is None:
        return None
    catalogue = load_catalogue()
    lines = [
        f"callbacks conformance: --impl={binding.describe()}",
        f"clause catalogue {catalogue.version} ({len(catalogue.clauses)} clauses), "
        f"kit {__version__}",
        *header_lines(binding),
    ]
    expectations = config.stash.get(expectations_key, None)
    if expectations is not None and expectations.source:
        lines.append(f"expectations: {expectations.source} ({len(expectations)} entries)")
    handler = config.stash.get(handler_key, None)
    if handler is not None:
        lines.insert(0, f"callbacks conformance: --handler={handler.describe()}")
        lines[1] = lines[1].replace("--impl=", "handler driven by the managers of --impl=")
    from hypothesis import settings

    current = settings()  # the loaded profile's values
    lines.append(
        f"conformance hypothesis profile: {settings.get_current_profile_name()} "
        f"(max_examples={current.max_examples}, derandomize={current.derandomize})"
    )
    return lines


# --- collection ------------------------------------------------------------------


def clause_ids(item: pytest.Item) -> list[str]:
    """The clauses a test names with ``@pytest.mark.clause(...)``, in order."""
    ids: list[str] = []
    for mark in item.iter_markers("clause"):
        ids.extend(str(a) for a in mark.args if str(a) not in ids)
    return ids


@pytest.hookimpl(tryfirst=True)  # before -k / -m deselect: see the comment on expectations
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    results = config.stash.get(results_key, None)
    if results is None:
        return
    catalogue = results.catalogue
    suite_items = [item for item in items if _in_suite(item)]
    for item in suite_items:
        unknown = [cid for cid in clause_ids(item) if cid not in catalogue]
        if unknown:
            raise pytest.UsageError(f"{item.nodeid}: unknown clause id(s) {unknown}")
    # Expectations are matched before --clause deselects anything, so that an
    # entry for a deselected test is not reported as matching nothing.
    expectations = config.stash[expectations_key]
    for item in items:
        if not _in_suite(item):
            continue
        reason = expectations.match(item.name)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))
            continue
        listed = expectations.match_clauses(clause_ids(item))
        if listed is not None:
            cid, reason = listed
            item.add_marker(pytest.mark.xfail(reason=f"{cid}: {reason}", strict=False))
    _select_clauses(config, catalogue, items)


def pytest_collection_finish(session: pytest.Session) -> None:
    if replay_key not in session.config.stash:
        return
    from conformance.replay import is_property_test

    items = session.items
    if len(items) != 1 or not is_property_test(getattr(items[0], "obj", None)):
        chosen = ", ".join(item.nodeid for item in items[:3]) + (" ..." if len(items) > 3 else "")
        raise pytest.UsageError(
            "--conformance-replay replays an example of one property test: select exactly "
            f"that test (its id, as the reproduce section prints it); selected {len(items)}"
            + (f": {chosen}" if items else "")
            + ("" if len(items) != 1 else " (not a property test)")
        )


def _select_clauses(config: pytest.Config, catalogue: Catalogue, items: list[pytest.Item]) -> None:
    patterns = config.getoption("clause_filter")
    if not patterns:
        return
    chosen = catalogue.select(patterns)
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        wanted = not _in_suite(item) or any(cid in chosen for cid in clause_ids(item))
        (keep if wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def _in_suite(item: pytest.Item) -> bool:
    parents = Path(item.path).resolve().parents
    return SUITE_DIR.resolve() in parents or HANDLER_SUITE_DIR.resolve() in parents


# --- running -----------------------------------------------------------------------


class ConformanceTimeout(Exception):
    """A conformance test ran past ``--conformance-timeout``."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Replays the example of --conformance-replay, and turns hypothesis's advice to edit
    the test (``@reproduce_failure``) into the replay command of the reproduce section."""
    if item.config.stash.get(results_key, None) is None:
        return (yield)
    from hypothesis.errors import DidNotReproduce

    from conformance.replay import is_property_test, replaying, take_blob

    function = getattr(item, "obj", None)
    replay = item.config.stash.get(replay_key, None)
    if replay is not None:
        replaying(function, replay)
    try:
        return (yield from _timed(item))
    except BaseException as error:
        if replay is not None and isinstance(error, DidNotReproduce):
            # The replayed example passes now: that is a pass, said in one line.
            reporter = item.config.pluginmanager.get_plugin("terminalreporter")
            capture = item.config.pluginmanager.get_plugin("capturemanager")
            if reporter is not None and capture is not None:
                with capture.global_and_fixture_disabled():
                    reporter.write_line(f"\n{item.nodeid}: the replayed example passes")
            return None
        replayable = is_property_test(function)
        blob = take_blob(error, replayable=replayable)
        if blob is not None and replayable:
            item.stash[blob_key] = blob
        raise
    finally:
        if replay is not None:
            replaying(function, None)


def _timed(item: pytest.Item) -> Generator[None, None, None]:
    limit = item.config.getoption("conformance_timeout")
    usable = (
        limit
        and item.config.stash.get(results_key, None) is not None
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        return (yield)

    def expire(signum: int, frame: Any) -> None:
        raise ConformanceTimeout(
            f"the test ran longer than {limit:g} s (--conformance-timeout); "
            "the binding may deadlock or wait for something that never happens"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return (yield)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    config = item.config
    results = config.stash.get(results_key, None)
    if results is None or not _in_suite(item):
        return report
    ids = clause_ids(item)
    report.user_properties.append(("clauses", ids))
    if mark_not_run(config.stash[binding_key], item, report):
        return report
    if not report.failed:
        return report
    if isinstance(report.longrepr, str) and report.longrepr.startswith("[XPASS(strict)]"):
        report.user_properties.append(("conformance_outcome", "xpassed"))
    blamed = _blamed_clauses(call, ids)
    if blamed:
        report.user_properties.append(("failed_clauses", blamed))
    clauses = [results.catalogue[cid] for cid in (blamed or ids)]
    report.longrepr = ClauseFailureRepr(clauses, report.longrepr)
    trace = getattr(item, "funcargs", {}).get("trace")
    if trace:
        report.sections.append(("conformance: events the test's handlers received", trace.render()))
    binding = config.stash[binding_key]
    test_id = f"{item.path}::{item.nodeid.split('::', 1)[1]}"
    if handler_key in config.stash:
        report.sections.extend(
            handler_sections(
                item, config.stash[handler_key], binding.name, item.stash.get(blob_key, None)
            )
        )
        text = report_text(call.excinfo.value if call.excinfo else None)
        if text is not None:  # the check's own report replaces the suite's traceback
            report.longrepr = ClauseFailureRepr(clauses, text)
        return _should_only(config, call, report, clauses, ids)
    seed = config.getoption("hypothesis_seed", None)
    profile = config.getoption("hypothesis_profile", None)
    uses_hypothesis = hasattr(getattr(item, "obj", None), "hypothesis")
    report.sections.append(
        (
            "conformance: reproduce",
            reproduction(
                binding.name,
                test_id,
                profile if uses_hypothesis else None,
                seed if uses_hypothesis else None,
                module=binding.module.__name__,
                steps=list(getattr(trace, "steps", []) or []),
                replay=item.stash.get(blob_key, None),
            ),
        )
    )
    return _should_only(config, call, report, clauses, ids)


def _should_only(
    config: pytest.Config,
    call: pytest.CallInfo[None],
    report: pytest.TestReport,
    clauses: list[Any],
    ids: list[str],
) -> pytest.TestReport:
    should_only = bool(clauses) and all(c.level == "SHOULD" for c in clauses)
    if should_only and call.when == "call" and not _strict(config):
        report.outcome = "skipped"
        report.wasxfail = f"SHOULD not met ({', '.join(ids)}); fails the run only with --strict"
        report.user_properties.append(("conformance_outcome", "should-failed"))
    return report


def _blamed_clauses(call: pytest.CallInfo[None], ids: list[str]) -> list[str]:
    """Clauses the failing checks named (``support.checking``), if any; only the test's own."""
    found: list[str] = []

    def visit(error: BaseException) -> None:
        for cid in getattr(error, "conformance_clauses", ()):
            if cid in ids and cid not in found:
                found.append(cid)
        for inner in getattr(error, "exceptions", ()):  # an ExceptionGroup from hypothesis
            visit(inner)

    if call.excinfo is not None:
        visit(call.excinfo.value)
    return found


def _strict(config: pytest.Config) -> bool:
    try:
        return bool(config.getini("strict"))
    except ValueError:  # pytest 8: --strict is an option, not an ini value
        return bool(getattr(config.option, "strict", False))


def _outcome(report: pytest.TestReport) -> str:
    if "conformance_outcome" in dict(report.user_properties):
        return str(dict(report.user_properties)["conformance_outcome"])
    if hasattr(report, "wasxfail"):
        return "xfailed" if report.skipped else "xpassed"
    return report.outcome


def _reason(report: pytest.TestReport) -> str:
    """The first line of what a failing test reported, for the JSON report and tables."""
    crash = getattr(report.longrepr, "reprcrash", None)
    message = str(getattr(crash, "message", "") or "")
    if hasattr(report, "wasxfail"):  # expected: the expectations entry says why
        message = str(report.wasxfail) or message
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return first if len(first) <= 160 else first[:157] + "..."


class ConformanceRun:
    """Per-run bookkeeping, registered as a plugin when ``--impl`` is given.

    It credits every test report to the test's clauses (on the controller
    when pytest-xdist is used: reports carry their clause ids in
    ``user_properties``), prints the summary and writes the JSON report.
    """

    def __init__(self, config: pytest.Config, results: Results) -> None:
        self.config = config
        self.results = results

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        start_test(self.config.stash[binding_key])
        if not self.config.getoption("clause_failfast") or not _in_suite(item):
            return
        ids = clause_ids(item)
        if self.results.selected is not None:
            # Under --clause, only the selected clauses are reported: a test of several
            # clauses has nothing left to tell once the selected ones among them failed.
            ids = [cid for cid in ids if cid in self.results.selected] or ids
        if ids and all(self.results.status(cid) in ("failed", "not met") for cid in ids):
            pytest.skip(f"{', '.join(ids)} already failed (--clause-failfast)")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        ids = dict(report.user_properties).get("clauses")
        if not isinstance(ids, list):
            return
        outcome = _outcome(report)
        if report.when != "call" and outcome == "passed":
            return  # setup and teardown that pass say nothing about a clause
        blamed = dict(report.user_properties).get("failed_clauses")
        if outcome in ("failed", "should-failed") and isinstance(blamed, list):
            ids = blamed  # the failing check named its clauses; the others are not credited
        missing = dict(report.user_properties).get(MISSING_KEY)
        self.results.record(
            report.nodeid,
            [str(cid) for cid in ids],
            outcome,
            [str(name) for name in missing] if isinstance(missing, list) else None,
            reason=_reason(report) if outcome != "passed" else "",
        )

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        binding = self.config.stash[binding_key]
        handler = self.config.stash.get(handler_key, None)
        title = (
            binding.describe() if handler is None else f"handler {handler.spec} ({binding.name})"
        )
        terminalreporter.section(f"callbacks conformance: {title}")
        for line, colour in self.results.summary_lines():
            terminalreporter.write_line(line, **{colour: True})
        if not _strict(self.config) and self.results.counts("SHOULD")["not met"]:
            terminalreporter.write_line(
                "SHOULD clauses not met do not fail the run (--strict: they do)"
            )
        expectations = self.config.stash[expectations_key]
        for entry in expectations.unused():
            terminalreporter.write_line(
                f"expectations: entry {entry!r} ({expectations.source}) matched no test",
                yellow=True,
            )
        path = self.config.getoption("conformance_report")
        if path:
            terminalreporter.write_line(f"conformance report written to {path}")

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        path = self.config.getoption("conformance_report")
        if not path or hasattr(self.config, "workerinput"):
            return
        binding = self.config.stash[binding_key]
        identity = binding.as_dict()
        handler = self.config.stash.get(handler_key, None)
        if handler is not None:
            identity["handler"] = handler.spec
        document = self.results.report(identity, __version__, _strict(self.config))
        try:
            write_report(path, document)
        except OSError as error:
            raise pytest.UsageError(
                f"--conformance-report: cannot write {path}: {error.strerror}"
            ) from None


_exit_status: list[int] = []


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _exit_status.append(int(exitstatus))


def pytest_unconfigure(config: pytest.Config) -> None:
    """End of a suite run: remove what it set up, and do not hang on a binding's threads.

    Non-daemon threads that the binding started and left running would keep
    the interpreter alive after the summary, for ever.  They get two seconds
    to finish; then the run says how many are left, with their names, and the
    process ends with the run's own exit status (``os._exit``: the threads
    are abandoned, which is what ending the run means for them).
    """
    if binding_key not in config.stash:
        return
    cleanup_environment()
    stuck = lingering_threads()
    deadline = time.monotonic() + 2.0
    for thread in stuck:
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [t for t in stuck if t.is_alive()]
    if not stuck:
        return
    if not hasattr(config, "workerinput"):
        names = ", ".join(sorted({t.name for t in stuck})[:5])
        sys.stderr.write(
            f"callbacks conformance: the binding left {len(stuck)} non-daemon thread(s) "
            f"running ({names}); they would keep the process from exiting, so it ends "
            "now. Make such threads daemon threads, or join them when their work is done.\n"
        )
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status[-1] if _exit_status else 1)
