"""The pytest plugin: ``pytest --impl=MODULE`` runs the conformance suite against MODULE.

Registered through the ``pytest11`` entry point, so it is active wherever the
kit is installed.  Without ``--impl`` it only adds its options: a user's own
test run is not changed.  With ``--impl``:

* the binding is imported and checked before collection; a missing module,
  missing names, an import that raises or hangs stop the run with one line
  (a pytest usage error, exit status 4);
* the suite directory inside the installed kit is added to what pytest
  collects: it replaces the default paths (``testpaths`` or the current
  directory) and is added beside explicitly given paths, unless one of them
  is already inside the suite (so nothing is collected twice);
* the report header names the implementation, its version and its file;
* tests listed in the expectations file (``--expectations``; the kit ships
  one for ``langchain_core``) are expected to fail, strictly: an expected
  failure that passes is reported as a failure so the entry gets removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conformance.binding import Binding, BindingError, load_binding
from conformance.expectations import Expectations, ExpectationsError, load_expectations

if TYPE_CHECKING:
    from collections.abc import Sequence

SUITE_DIR = Path(__file__).parent / "suite"
SHIPPED_EXPECTATIONS = {"langchain_core": Path(__file__).parent / "data" / "langchain_core.xfail"}

binding_key = pytest.StashKey[Binding]()
expectations_key = pytest.StashKey[Expectations]()


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
        help="file of known failures (test name: reason); the kit ships one for langchain_core",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "conformance: a test of the callbacks conformance suite")
    name = config.getoption("impl")
    if name is None:
        return
    try:
        config.stash[binding_key] = load_binding(name)
    except BindingError as error:
        raise pytest.UsageError(str(error)) from None
    path = config.getoption("expectations") or SHIPPED_EXPECTATIONS.get(name)
    try:
        config.stash[expectations_key] = load_expectations(path)
    except ExpectationsError as error:
        raise pytest.UsageError(str(error)) from None
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
    lines = [f"callbacks conformance: --impl={binding.describe()}"]
    expectations = config.stash.get(expectations_key, None)
    if expectations is not None and expectations.source:
        lines.append(f"expectations: {expectations.source} ({len(expectations)} entries)")
    return lines


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    expectations = config.stash.get(expectations_key, None)
    if expectations is None:
        return
    for item in items:
        if not _in_suite(item):
            continue
        reason = expectations.match(item.name)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    expectations = terminalreporter.config.stash.get(expectations_key, None)
    if expectations is None:
        return
    for entry in expectations.unused():
        terminalreporter.write_line(
            f"expectations: entry {entry!r} ({expectations.source}) matched no test", yellow=True
        )


def _in_suite(item: pytest.Item) -> bool:
    suite = SUITE_DIR.resolve()
    return suite in Path(item.path).resolve().parents
