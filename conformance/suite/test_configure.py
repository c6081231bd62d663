"""``configure``: building a manager from the callbacks, tags and metadata a run receives.

Inheritable inputs land in both the plain and the inheritable containers,
local inputs in the plain ones only; a manager passed as
``inheritable_callbacks`` is copied, never changed.  Child runs see only the
inheritable part.  The order of the resulting lists is not checked: they are
compared as sets plus "no duplicates".
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.suite.support import assert_unchanged, run, snapshot

PARENT = uuid.UUID(int=7)
MANAGER_NAMES = ("CallbackManager", "AsyncCallbackManager")

# ``manager_class`` and ``make_handler`` are function-scoped but hold no
# per-example state (handlers are only compared by identity), so sharing
# them across the examples of one @given test is safe.  The number of
# examples comes from the hypothesis profile (conformance/profiles.py).
PROPERTY_SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def ids(objects: list[Any]) -> set[int]:
    return {id(o) for o in objects}


def assert_same_handlers(observed: list[Any], expected: list[Any], what: str) -> None:
    """Same handler objects in any order, none twice."""
    assert len(ids(observed)) == len(observed), f"{what}: duplicates in {observed}"
    assert ids(observed) == ids(expected), (
        f"{what}: expected {expected} in any order, observed {observed}"
    )


def assert_same_tags(observed: list[str], expected: list[str], what: str) -> None:
    assert sorted(observed) == sorted(set(expected)), (
        f"{what}: expected {sorted(set(expected))} in any order without duplicates, "
        f"observed {observed}"
    )


def scribble(manager: Any, intruder: Any) -> None:
    """Mutate every container of ``manager`` in place."""
    manager.handlers.append(intruder)
    manager.inheritable_handlers.append(intruder)
    manager.tags.append("scribbled")
    manager.inheritable_tags.append("scribbled")
    manager.metadata["scribbled"] = True
    manager.inheritable_metadata["scribbled"] = True


def child_of(manager: Any) -> Any:
    """Start a chain run from ``manager`` and return the manager its child runs would get."""
    return run(manager.on_chain_start({}, {})).get_child()


# --- the class of the result --------------------------------------------------------


@pytest.mark.clause("CONF-01")
def test_configure_returns_an_instance_of_the_class_it_is_called_on(manager_class: Any) -> None:
    # Whether the result says it is async (is_async) is ASYNC-01's business.
    manager = manager_class.configure()
    assert isinstance(manager, manager_class), (
        f"{manager_class.__name__}.configure(): expected a {manager_class.__name__}, "
        f"observed {type(manager).__name__}"
    )


@pytest.mark.clause("CONF-01")
def test_configure_called_on_a_subclass_returns_the_subclass(manager_class: Any) -> None:
    subclass: Any = type("CustomManager", (manager_class,), {})
    manager = subclass.configure()
    assert isinstance(manager, subclass), (
        f"CustomManager.configure(): expected a CustomManager, observed {type(manager).__name__}"
    )


# --- inheritable_callbacks ------------------------------------------------------------


@pytest.mark.clause("CONF-02")
def test_inheritable_callbacks_list_become_inheritable_handlers(
    manager_class: Any, make_handler: Any
) -> None:
    a, b = make_handler("a"), make_handler("b")
    given_list = [a, b]
    manager = manager_class.configure(inheritable_callbacks=given_list)
    assert_same_handlers(manager.handlers, [a, b], "handlers")
    assert_same_handlers(manager.inheritable_handlers, [a, b], "inheritable_handlers")
    scribble(manager, make_handler("intruder"))
    assert given_list == [a, b], f"the list passed in changed: observed {given_list}"


@pytest.mark.clause("CONF-03")
@pytest.mark.parametrize("source_name", MANAGER_NAMES)
def test_inheritable_callbacks_manager_is_carried_over_and_left_unchanged(
    impl: Any, manager_class: Any, make_handler: Any, source_name: str
) -> None:
    shared, local = make_handler("shared"), make_handler("local")
    source = getattr(impl, source_name)(
        handlers=[shared, local],
        inheritable_handlers=[shared],
        parent_run_id=PARENT,
        tags=["shared-tag", "local-tag"],
        inheritable_tags=["shared-tag"],
        metadata={"shared": 1, "local": 2},
        inheritable_metadata={"shared": 1},
    )
    before = snapshot(source)

    manager = manager_class.configure(inheritable_callbacks=source)

    assert_unchanged(manager, before, "configured manager (compared with its source)")
    assert_unchanged(source, before, "manager passed as inheritable_callbacks")
    scribble(manager, make_handler("intruder"))
    assert_unchanged(source, before, "manager passed in, after mutating the result")


# --- local_callbacks ----------------------------------------------------------------


@pytest.mark.clause("CONF-04")
@pytest.mark.parametrize("form", ["list", "manager"])
def test_local_callbacks_are_added_as_non_inheritable_handlers(
    impl: Any, manager_class: Any, make_handler: Any, form: str
) -> None:
    inherited, local = make_handler("inherited"), make_handler("local")
    local_callbacks = [local] if form == "list" else impl.CallbackManager(handlers=[local])
    manager = manager_class.configure(
        inheritable_callbacks=[inherited], local_callbacks=local_callbacks
    )
    assert_same_handlers(manager.handlers, [inherited, local], "handlers")
    assert_same_handlers(manager.inheritable_handlers, [inherited], "inheritable_handlers")


# --- tags and metadata --------------------------------------------------------------


@pytest.mark.clause("CONF-05")
def test_inheritable_tags_and_metadata_are_inheritable_local_ones_are_not(
    manager_class: Any,
) -> None:
    manager = manager_class.configure(
        inheritable_tags=["shared-tag"],
        local_tags=["local-tag"],
        inheritable_metadata={"shared": 1},
        local_metadata={"local": 2},
    )
    assert_same_tags(manager.tags, ["shared-tag", "local-tag"], "tags")
    assert_same_tags(manager.inheritable_tags, ["shared-tag"], "inheritable_tags")
    assert manager.metadata == {"shared": 1, "local": 2}, f"metadata: observed {manager.metadata}"
    assert manager.inheritable_metadata == {"shared": 1}, (
        f"inheritable_metadata: expected {{'shared': 1}}, observed {manager.inheritable_metadata}"
    )


# --- verbose --------------------------------------------------------------------------


def verbose_extra(manager_class: Any, make_handler: Any) -> tuple[Any, Any, Any]:
    """(handler given, manager without verbose, the one handler verbose adds)."""
    given_handler = make_handler("given")
    quiet = manager_class.configure(inheritable_callbacks=[given_handler])
    loud = manager_class.configure(inheritable_callbacks=[given_handler], verbose=True)
    extra = [h for h in loud.handlers if h is not given_handler]
    message = (
        f"verbose=True: expected exactly one handler more than {quiet.handlers}, "
        f"observed {loud.handlers}"
    )
    assert len(loud.handlers) == len(quiet.handlers) + 1, message
    assert len(extra) == 1, message
    return given_handler, loud, extra[0]


@pytest.mark.clause("CONF-06")
def test_verbose_adds_exactly_one_non_inheritable_handler(
    manager_class: Any, make_handler: Any
) -> None:
    given_handler, loud, extra = verbose_extra(manager_class, make_handler)
    assert_same_handlers(loud.inheritable_handlers, [given_handler], "inheritable_handlers")
    assert all(h is not extra for h in loud.inheritable_handlers), (
        f"the verbose handler {extra!r} is inheritable: {loud.inheritable_handlers}"
    )


@pytest.mark.clause("CONF-06")
@pytest.mark.parametrize("where", ["manager", "inheritable-list", "local-list"])
def test_verbose_does_not_add_a_second_printing_handler(
    manager_class: Any, make_handler: Any, where: str
) -> None:
    _, loud, extra = verbose_extra(manager_class, make_handler)
    printer_type = type(extra)
    if where == "manager":
        again = manager_class.configure(inheritable_callbacks=loud, verbose=True)
        expected = loud.handlers
    elif where == "inheritable-list":
        printer = printer_type()
        again = manager_class.configure(inheritable_callbacks=[printer], verbose=True)
        expected = [printer]
    else:
        printer = printer_type()
        again = manager_class.configure(local_callbacks=[printer], verbose=True)
        expected = [printer]
    printers = [h for h in again.handlers if isinstance(h, printer_type)]
    assert len(printers) == 1, (
        f"expected one {printer_type.__name__} (already present), observed {again.handlers}"
    )
    assert_same_handlers(again.handlers, expected, "handlers")


@pytest.mark.clause("CONF-06")
def test_verbose_handler_does_not_reach_child_runs(
    manager_class: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    child = child_of(manager_class.configure(verbose=True))
    capsys.readouterr()  # the printing handler announces the chain; keep the output clean
    assert child.handlers == [], f"child handlers: expected [], observed {child.handlers}"


# --- what child runs inherit ----------------------------------------------------------


@pytest.mark.clause("INHERIT-01")
def test_child_runs_get_only_the_inheritable_part(manager_class: Any, make_handler: Any) -> None:
    shared, local = make_handler("shared"), make_handler("local")
    manager = manager_class.configure(
        inheritable_callbacks=[shared],
        local_callbacks=[local],
        inheritable_tags=["shared-tag"],
        local_tags=["local-tag"],
        inheritable_metadata={"shared": 1},
        local_metadata={"local": 2},
    )
    child = child_of(manager)
    assert_same_handlers(child.handlers, [shared], "child handlers")
    assert_same_tags(child.tags, ["shared-tag"], "child tags")
    assert child.metadata == {"shared": 1}, (
        f"child metadata: expected {{'shared': 1}}, observed {child.metadata}"
    )


# --- random inputs --------------------------------------------------------------------

HANDLER_LABELS = ("h0", "h1", "h2", "h3", "h4", "h5")
TAGS = ("red", "green", "blue", "cyan", "gold", "pink")
KEYS = ("alpha", "beta", "gamma", "delta", "epsilon")  # never "lc_versions"

# Where one item of a pool goes.  Every item goes to one place only, so the
# expected result does not depend on how overlapping inputs are resolved.
SOURCE_LOCAL, SOURCE_INHERITABLE, INHERITABLE, LOCAL, ABSENT = (
    "source-local",
    "source-inheritable",
    "inheritable",
    "local",
    "absent",
)
HANDLER_PLACES = (SOURCE_LOCAL, SOURCE_INHERITABLE, LOCAL, ABSENT)
PLACES = (SOURCE_LOCAL, SOURCE_INHERITABLE, INHERITABLE, LOCAL, ABSENT)


@pytest.mark.clause("CONF-07")
@PROPERTY_SETTINGS
@given(data=st.data())
def test_configure_from_random_inputs_splits_inheritable_from_local(
    impl: Any, manager_class: Any, make_handler: Any, data: st.DataObject
) -> None:
    pool = {label: make_handler(label) for label in HANDLER_LABELS}
    source_form = data.draw(st.sampled_from(["none", "list", "manager"]), label="source form")
    local_form = data.draw(st.sampled_from(["none", "list", "manager"]), label="local form")

    handler_place = {
        label: data.draw(st.sampled_from(HANDLER_PLACES), label=f"place of handler {label}")
        for label in HANDLER_LABELS
    }
    tag_place = {
        tag: data.draw(st.sampled_from(PLACES), label=f"place of tag {tag}") for tag in TAGS
    }
    key_place = {
        key: data.draw(st.sampled_from(PLACES), label=f"place of metadata key {key}")
        for key in KEYS
    }
    value = {key: data.draw(st.integers(0, 2), label=f"value of {key}") for key in KEYS}

    def handlers_in(place: str) -> list[Any]:
        return [pool[label] for label, p in handler_place.items() if p == place]

    def tags_in(place: str) -> list[str]:
        return [tag for tag, p in tag_place.items() if p == place]

    def metadata_in(place: str) -> dict[str, int]:
        return {key: value[key] for key, p in key_place.items() if p == place}

    # What the source contributes: nothing, a list of (inheritable) handlers,
    # or a whole manager with local and inheritable parts.
    source: Any = None
    source_before: dict[str, Any] = {}
    passed: dict[str, list[Any]] = {
        "handlers": [],
        "inheritable_handlers": [],
        "tags": [],
        "inheritable_tags": [],
    }
    passed_metadata: dict[str, dict[str, int]] = {"metadata": {}, "inheritable_metadata": {}}
    if source_form == "list":
        source = handlers_in(SOURCE_INHERITABLE)
        passed["handlers"] = passed["inheritable_handlers"] = source
    elif source_form == "manager":
        source_class = getattr(
            impl, data.draw(st.sampled_from(MANAGER_NAMES), label="source manager class")
        )
        source = source_class(
            handlers=handlers_in(SOURCE_LOCAL) + handlers_in(SOURCE_INHERITABLE),
            inheritable_handlers=handlers_in(SOURCE_INHERITABLE),
            parent_run_id=data.draw(st.sampled_from([None, PARENT]), label="source parent"),
            tags=tags_in(SOURCE_LOCAL) + tags_in(SOURCE_INHERITABLE),
            inheritable_tags=tags_in(SOURCE_INHERITABLE),
            metadata={**metadata_in(SOURCE_LOCAL), **metadata_in(SOURCE_INHERITABLE)},
            inheritable_metadata=metadata_in(SOURCE_INHERITABLE),
        )
        source_before = snapshot(source)
        passed = {name: source_before[name] for name in passed}
        passed_metadata = {name: source_before[name] for name in passed_metadata}
    source_list_before = list(source) if isinstance(source, list) else None

    local_callbacks: Any = None
    local_handlers: list[Any] = []
    if local_form == "list":
        local_handlers = handlers_in(LOCAL)
        local_callbacks = list(local_handlers)
    elif local_form == "manager":
        local_class = getattr(
            impl, data.draw(st.sampled_from(MANAGER_NAMES), label="local manager class")
        )
        local_handlers = handlers_in(LOCAL)
        local_callbacks = local_class(handlers=list(local_handlers))

    # The caller's own lists and dicts, kept to check that configure leaves them alone.
    given: dict[str, Any] = {
        "inheritable_tags": tags_in(INHERITABLE),
        "local_tags": tags_in(LOCAL),
        "inheritable_metadata": metadata_in(INHERITABLE),
        "local_metadata": metadata_in(LOCAL),
    }
    given_before = {name: type(value)(value) for name, value in given.items()}
    manager = manager_class.configure(
        inheritable_callbacks=source, local_callbacks=local_callbacks, **given
    )

    assert isinstance(manager, manager_class), (
        f"expected a {manager_class.__name__}, observed {type(manager).__name__}"
    )
    expected_inheritable_handlers = passed["inheritable_handlers"]
    expected_inheritable_tags = passed["inheritable_tags"] + tags_in(INHERITABLE)
    expected_inheritable_metadata = {
        **passed_metadata["inheritable_metadata"],
        **metadata_in(INHERITABLE),
    }
    assert_same_handlers(manager.handlers, passed["handlers"] + local_handlers, "handlers")
    assert_same_handlers(
        manager.inheritable_handlers, expected_inheritable_handlers, "inheritable_handlers"
    )
    assert_same_tags(manager.tags, passed["tags"] + tags_in(INHERITABLE) + tags_in(LOCAL), "tags")
    assert_same_tags(manager.inheritable_tags, expected_inheritable_tags, "inheritable_tags")
    expected_metadata = {
        **passed_metadata["metadata"],
        **metadata_in(INHERITABLE),
        **metadata_in(LOCAL),
    }
    assert manager.metadata == expected_metadata, (
        f"metadata: expected {expected_metadata}, observed {manager.metadata}"
    )
    assert manager.inheritable_metadata == expected_inheritable_metadata, (
        f"inheritable_metadata: expected {expected_inheritable_metadata}, "
        f"observed {manager.inheritable_metadata}"
    )
    expected_parent = source_before.get("parent_run_id")
    assert manager.parent_run_id == expected_parent, (
        f"parent_run_id: expected {expected_parent}, observed {manager.parent_run_id}"
    )

    child = child_of(manager)
    assert_same_handlers(child.handlers, expected_inheritable_handlers, "child handlers")
    assert_same_tags(child.tags, expected_inheritable_tags, "child tags")
    assert child.metadata == expected_inheritable_metadata, (
        f"child metadata: expected {expected_inheritable_metadata}, observed {child.metadata}"
    )

    # The inputs are copied, not adopted: changing the result leaves them alone.
    scribble(manager, make_handler("intruder"))
    if source_form == "manager":
        assert_unchanged(source, source_before, "manager passed as inheritable_callbacks")
    if source_list_before is not None:
        assert source == source_list_before, (
            f"inheritable_callbacks list changed: expected {source_list_before}, observed {source}"
        )
    if local_form != "none":
        observed_local = local_callbacks if local_form == "list" else local_callbacks.handlers
        assert_same_handlers(observed_local, local_handlers, "local_callbacks after the call")
    changed = {name: value for name, value in given.items() if value != given_before[name]}
    assert not changed, (
        f"changing the configured manager changed the caller's own {', '.join(changed)}: "
        f"passed {given_before}, now {given}"
    )
