"""What travels down a tree of runs (INHERIT-02), and the inheritance truth table of SPEC.md.

The property: a root manager holds random handlers, tags and metadata,
each local or inheritable, and maybe a parent run id; a random tree of runs
(up to four levels) is started from it, each child from its own
``get_child()`` call with or without a tag.  The root run sees all of the
root's handlers, tags and metadata; every run below it sees exactly the
inheritable ones, plus its own ``get_child`` tag, which goes no further.
Every start event names its parent run.

The truth table (``conformance.clauses.INHERITANCE_TABLE``, rendered into
SPEC.md) is checked row by row, each row under the clause of its input: the
tests read the rows themselves, so a row that is changed, or added without
being routed to a clause, fails here.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.clauses import INHERITANCE_TABLE
from conformance.suite.strategies import (
    QUICK_FAILURE_SETTINGS,
    ManagerSpec,
    RunNode,
    handler_specs,
    labels,
    manager_specs,
    play,
    restart,
    run_scripts,
    start_kinds,
)
from conformance.suite.support import (
    SERIALIZED,
    START_EVENTS,
    Trace,
    assert_unchanged,
    run,
    snapshot,
    start,
)

# --- the property -------------------------------------------------------------


def expected_tags(spec: ManagerSpec, node: RunNode) -> list[str]:
    """The root run carries the root's tags; a run below it the inheritable tags, then its
    own get_child tag (never one of the root's: the tag pools are disjoint)."""
    if node.parent_label is None:
        return list(spec.tags)
    return [*spec.inheritable_tags, *([node.tag] if node.tag else [])]


@pytest.mark.clause("INHERIT-02")
@QUICK_FAILURE_SETTINGS
@given(data=st.data())
def test_run_trees_pass_down_exactly_the_inheritable_part(
    impl: Any,
    make_handler: Any,
    request: pytest.FixtureRequest,
    manager_class: Any,
    data: st.DataObject,
) -> None:
    # The trace is fetched, not taken as an argument: hypothesis prints a failing
    # example's arguments, and the trace would show another example's events.
    trace: Trace = request.getfixturevalue("trace")
    restart(trace)
    # Plain handlers (no ignore flags, failures or missing chat method): every
    # run's every event must reach each handler the run reaches.
    spec = data.draw(
        manager_specs(handler_specs(ignore_flags=False, failures=False, no_chat=False)),
        label="root manager",
    )
    script = data.draw(
        run_scripts(kinds=start_kinds(manager_class, impl, spec.handlers)), label="runs"
    )
    manager = spec.build(manager_class, make_handler)

    played = play(script, manager, impl, steps=trace.steps)

    label_of = played.label_of()
    context = f"runs:\n{script.render()}\ntrace:\n{trace.render()}"
    unknown = [e for e in trace if e.args.get("run_id") not in label_of]
    assert not unknown, f"events of runs nobody started: {unknown}\n{context}"
    for node in script.root.walk():
        is_root = node.parent_label is None
        reached = labels(spec.handlers if is_root else spec.inheritable_handlers)
        tags = expected_tags(spec, node)
        metadata = dict(spec.metadata if is_root else spec.inheritable_metadata)
        parent = (
            spec.parent_run_id if node.parent_label is None else played.run_id(node.parent_label)
        )
        where = f"{manager_class.__name__}, run {node.label} ({node.kind})"

        events = [e for e in trace if label_of[e.args["run_id"]] == node.label]
        for label in labels(spec.handlers):
            observed = [e.name for e in events if e.handler == label]
            expected = list(node.events()) if label in reached else []
            assert observed == expected, (
                f"{where}: handler {label} "
                f"({'reached' if label in reached else 'not inheritable, not reached'}): "
                f"expected events {expected}, observed {observed}\n{context}"
            )
        for event in events:
            assert event.args.get("tags") == tags, (
                f"{where}: {event.handler}.{event.name} tags: expected {tags}, "
                f"observed {event.args.get('tags')}\n{context}"
            )
            if event.name not in START_EVENTS:
                continue
            assert event.args.get("parent_run_id") == parent, (
                f"{where}: {event.handler}.{event.name} parent_run_id: expected {parent} "
                f"({'the root manager' if is_root else node.parent_label}), "
                f"observed {event.args.get('parent_run_id')}\n{context}"
            )
            assert event.args.get("metadata") == metadata, (
                f"{where}: {event.handler}.{event.name} metadata: expected {metadata}, "
                f"observed {event.args.get('metadata')}\n{context}"
            )


# --- the truth table ---------------------------------------------------------------

# Names of the items a row's scenario passes to configure: the given item
# (a list / dict input, or verbose's printing handler) or a source manager's
# local and inheritable items.
GIVEN, ITS_LOCAL, ITS_INHERITABLE = "given", "its local", "its inheritable"
LOCAL_PARENT = uuid.UUID(int=7)

#: What each cell of the table means, as the items that must be found there.
CELLS: dict[str, list[str]] = {
    "yes": [GIVEN],
    "yes, once": [GIVEN],
    "no": [],
    "its handlers": [ITS_INHERITABLE, ITS_LOCAL],
    "its tags": [ITS_INHERITABLE, ITS_LOCAL],
    "its metadata": [ITS_INHERITABLE, ITS_LOCAL],
    "its inheritable ones": [ITS_INHERITABLE],
}
#: Cells that accept more than one outcome (implementation-defined), each outcome
#: as the items that must be found.
ACCEPTED: dict[str, list[list[str]]] = {
    "none, or its tags": [[], [ITS_INHERITABLE, ITS_LOCAL]],
    "none, or its metadata": [[], [ITS_INHERITABLE, ITS_LOCAL]],
}


def outcomes(cell: str) -> list[list[str]]:
    """Every outcome a cell of the table accepts."""
    return ACCEPTED.get(cell) or [CELLS[cell]]


TAG_OF = {GIVEN: "given-tag", ITS_LOCAL: "its-local-tag", ITS_INHERITABLE: "its-inheritable-tag"}
KEY_OF = {GIVEN: "given-key", ITS_LOCAL: "its-local-key", ITS_INHERITABLE: "its-inheritable-key"}


#: The plain and the inheritable container of each kind of input.
CONTAINERS = {
    "handlers": ("handlers", "inheritable_handlers"),
    "printing handler": ("handlers", "inheritable_handlers"),
    "tags": ("tags", "inheritable_tags"),
    "metadata": ("metadata", "inheritable_metadata"),
}


def row_id(row: tuple[str, ...]) -> str:
    what, passed_as = row[0], row[1].strip("`")
    parameter, _, form = passed_as.partition("=")
    form = {"[...]": "list", "{...}": "dict"}.get(form, form)
    return f"{what.replace(' ', '-')}-{parameter}-{form}"


class Scenario:
    """One row's ``configure`` call, with the row's input and nothing else."""

    def __init__(
        self, impl: Any, manager_class: Any, make_handler: Any, row: tuple[str, ...]
    ) -> None:
        self.what = row[0]
        parameter, _, form = row[1].strip("`").partition("=")
        self.observer = make_handler("observer")
        self.handlers = {name: make_handler(name) for name in (GIVEN, ITS_LOCAL, ITS_INHERITABLE)}
        self.source: Any = None
        if form == "manager":
            # A manager holding one local and one inheritable item of the row's kind.
            self.source = self._source(impl, parameter)
            value: Any = self.source
        else:
            value = {
                "inheritable_callbacks": [self.handlers[GIVEN]],
                "local_callbacks": [self.handlers[GIVEN]],
                "inheritable_tags": [TAG_OF[GIVEN]],
                "local_tags": [TAG_OF[GIVEN]],
                "inheritable_metadata": {KEY_OF[GIVEN]: 1},
                "local_metadata": {KEY_OF[GIVEN]: 1},
                "verbose": True,
            }[parameter]
        self.before = snapshot(self.source) if self.source is not None else None
        self.kwargs = {parameter: value}
        self.manager = manager_class.configure(**self.kwargs)

    def _source(self, impl: Any, parameter: str) -> Any:
        # A local manager also names a parent run, which configure must not take.
        parent = LOCAL_PARENT if parameter == "local_callbacks" else None
        if self.what == "handlers":
            local, inheritable = self.handlers[ITS_LOCAL], self.handlers[ITS_INHERITABLE]
            return impl.CallbackManager(
                handlers=[local, inheritable],
                inheritable_handlers=[inheritable],
                parent_run_id=parent,
            )
        return impl.CallbackManager(
            handlers=[],
            parent_run_id=parent,
            tags=[TAG_OF[ITS_LOCAL], TAG_OF[ITS_INHERITABLE]],
            inheritable_tags=[TAG_OF[ITS_INHERITABLE]],
            metadata={KEY_OF[ITS_LOCAL]: 1, KEY_OF[ITS_INHERITABLE]: 2},
            inheritable_metadata={KEY_OF[ITS_INHERITABLE]: 2},
        )

    def is_printer(self, handler: Any) -> bool:
        """A handler the test did not make: the printing handler verbose adds."""
        return handler is not self.observer and all(
            h is not handler for h in self.handlers.values()
        )

    def names(self, container: Any) -> list[str]:
        """The scenario's items found in ``container`` (a handler list, tag list or metadata),
        by name, sorted.  Handlers the test did not make count as the given item in the
        printing handler's row, and are reported as themselves in the others."""
        if self.what in ("handlers", "printing handler"):
            known = {id(h): name for name, h in self.handlers.items()}
            printer = GIVEN if self.what == "printing handler" else None
            found = [
                known.get(id(h)) or printer or repr(h) for h in container if h is not self.observer
            ]
        elif self.what == "tags":
            found = [name for name, tag in TAG_OF.items() for t in container if t == tag]
        else:
            found = [name for name, key in KEY_OF.items() if key in container]
        return sorted(found)


#: The clause each row's input falls under, by how the row passes it to configure.
#: Each clause has its own test below, so a wrong row is reported against its
#: own clause only; tests/test_clauses.py checks that every row is routed.
#: (What a child run gets also depends on get_child, whose own tests are
#: tagged INHERIT-01 and INHERIT-02.)
ROW_CLAUSE = {
    "inheritable_callbacks=[...]": "CONF-02",
    "inheritable_callbacks=manager": "CONF-03",
    "local_callbacks=[...]": "CONF-04",
    "local_callbacks=manager": "CONF-04",
    "inheritable_tags=[...]": "CONF-05",
    "local_tags=[...]": "CONF-05",
    "inheritable_metadata={...}": "CONF-05",
    "local_metadata={...}": "CONF-05",
    "verbose=True": "CONF-06",
}
#: Rows whose clause depends on what is passed too: a local manager's handlers
#: fall under CONF-04, the rest of it under CONF-08.
ROW_CLAUSE_BY_WHAT = {
    ("tags", "local_callbacks=manager"): "CONF-08",
    ("metadata", "local_callbacks=manager"): "CONF-08",
}


def clause_of(row: tuple[str, ...]) -> str | None:
    passed_as = row[1].strip("`")
    return ROW_CLAUSE_BY_WHAT.get((row[0], passed_as)) or ROW_CLAUSE.get(passed_as)


def rows_of(clause: str) -> list[tuple[str, str, str, str, str]]:
    return [row for row in INHERITANCE_TABLE if clause_of(row) == clause]


@pytest.mark.clause("CONF-02")
@pytest.mark.parametrize("row", rows_of("CONF-02"), ids=row_id)
def test_table_row_of_an_inheritable_callbacks_list_holds(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    check_table_row(impl, manager_class, make_handler, trace, capsys, row)


@pytest.mark.clause("CONF-03")
@pytest.mark.parametrize("row", rows_of("CONF-03"), ids=row_id)
def test_table_row_of_a_manager_passed_as_inheritable_callbacks_holds(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    check_table_row(impl, manager_class, make_handler, trace, capsys, row)


@pytest.mark.clause("CONF-04")
@pytest.mark.parametrize("row", rows_of("CONF-04"), ids=row_id)
def test_table_row_of_local_callbacks_holds(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    check_table_row(impl, manager_class, make_handler, trace, capsys, row)


@pytest.mark.clause("CONF-05")
@pytest.mark.parametrize("row", rows_of("CONF-05"), ids=row_id)
def test_table_row_of_tags_or_metadata_holds(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    check_table_row(impl, manager_class, make_handler, trace, capsys, row)


@pytest.mark.clause("CONF-06")
@pytest.mark.parametrize("row", rows_of("CONF-06"), ids=row_id)
def test_table_row_of_verbose_holds(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    check_table_row(impl, manager_class, make_handler, trace, capsys, row)


@pytest.mark.clause("CONF-08")
@pytest.mark.parametrize("row", rows_of("CONF-08"), ids=row_id)
def test_table_row_of_a_local_managers_tags_or_metadata_holds(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    check_table_row(impl, manager_class, make_handler, trace, capsys, row)


def check_table_row(
    impl: Any,
    manager_class: Any,
    make_handler: Any,
    trace: Trace,
    capsys: pytest.CaptureFixture[str],
    row: tuple[str, str, str, str, str],
) -> None:
    """Configure with the row's input alone; check the plain container, the inheritable
    container, and what a child run (``on_chain_start(...).get_child()``) receives."""
    what, passed_as, in_plain, in_inheritable, in_child = row
    not_understood = (
        f"SPEC.md inheritance table row {row} is not understood by this test: teach it the "
        f"row's meaning before changing the table"
    )
    assert what in CONTAINERS, not_understood
    assert all(
        cell in CELLS or cell in ACCEPTED for cell in (in_plain, in_inheritable, in_child)
    ), not_understood
    scenario = Scenario(impl, manager_class, make_handler, row)
    manager = scenario.manager
    call = f"{manager_class.__name__}.configure({scenario.kwargs})"

    for container, cell in zip(CONTAINERS[what], (in_plain, in_inheritable), strict=True):
        observed = scenario.names(getattr(manager, container))
        accepted = outcomes(cell)
        assert observed in accepted, (
            f"SPEC.md table row {row}: after {call}, {container} must hold "
            f"{' or '.join(map(str, accepted))} ({cell!r}); observed {observed} in "
            f"{getattr(manager, container)!r}"
        )
    if scenario.kwargs.get("local_callbacks") is scenario.source is not None:
        assert manager.parent_run_id is None, (
            f"SPEC.md table row {row}: after {call}, parent_run_id must be None: a manager "
            f"passed as local_callbacks does not supply it (its own is "
            f"{scenario.source.parent_run_id}); observed {manager.parent_run_id}"
        )

    # A child run, started from get_child() of a chain run of the configured
    # manager, watched by an inheritable observer added after configure (it
    # changes neither tags nor metadata).
    manager.add_handler(scenario.observer, inherit=True)
    child_manager = run(manager.on_chain_start(SERIALIZED, {"question": "q"})).get_child()
    capsys.readouterr()  # what the parent run printed is not the child's
    trace.clear()
    child_run = start(child_manager, impl, "on_chain_start")
    printed = capsys.readouterr().out
    events = [e for e in trace if e.args.get("run_id") == child_run.run_id]
    observer_events = [e for e in events if e.handler == "observer"]
    assert len(observer_events) == 1, (
        f"the inheritable observer handler must see the child run's start once; trace:\n"
        f"{trace.render()}"
    )
    child_start = observer_events[0].args
    if what == "handlers":
        observed_child = sorted(e.handler for e in events if e.handler != "observer")
    elif what == "printing handler":
        # A printing handler reaches the child when the child's handlers hold
        # it, or when the child's chain start printed something.
        holds = any(scenario.is_printer(h) for h in child_manager.handlers)
        observed_child = [GIVEN] if holds or printed else []
    else:
        observed_child = scenario.names(child_start.get(what) or [])
    assert observed_child in outcomes(in_child), (
        f"SPEC.md table row {row}: after {call}, a child run must receive "
        f"{' or '.join(map(str, outcomes(in_child)))} "
        f"({in_child!r}); observed {observed_child} "
        f"(child manager handlers {child_manager.handlers!r}, printed {printed!r})\n"
        f"trace:\n{trace.render()}"
    )

    if scenario.source is not None and scenario.before is not None:
        assert_unchanged(scenario.source, scenario.before, f"manager passed as {passed_as}")
