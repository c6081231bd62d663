"""Manager state: handlers, tags and metadata, and how copy and merge treat them.

Every rule is checked under both manager classes.  ``add_*``, ``remove_*``
and ``set_*`` are list operations, so the order they leave is checked too;
``merge`` builds sets in LangChain, so merged lists are compared as sets
(plus "no duplicates"), never by order.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from conformance.suite.support import assert_unchanged, checking, same_objects, snapshot

# Small pools so that random operations collide often.
HANDLER_LABELS = ("h0", "h1", "h2", "h3")
TAGS = ("red", "green", "blue", "cyan", "gold")
KEYS = ("alpha", "beta", "gamma", "delta")  # never "lc_versions", which LangChain merges specially

# Metadata values as callers pass them: numbers, and lists and dicts nested in them.
# A value is replaced whole, never merged into (see STATE-06).
metadata_values = (
    st.integers(0, 2)
    | st.lists(st.integers(0, 2), max_size=2)
    | st.dictionaries(st.sampled_from(KEYS), st.integers(0, 2) | st.text(max_size=2), max_size=2)
)

PARENT = uuid.UUID(int=1)
OTHER_PARENT = uuid.UUID(int=2)

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
# Without hypothesis's explain phase: on a binding that fails the random merge
# test, explaining which draws of the shrunk example matter took about 27 s per
# manager class (2,500 more runs of the test); the shrunk example and the
# message already say what is wrong.
QUICK_FAILURE_SETTINGS = settings(
    PROPERTY_SETTINGS, phases=[p for p in PROPERTY_SETTINGS.phases if p is not Phase.explain]
)


def ids(objects: list[Any]) -> set[int]:
    return {id(o) for o in objects}


def has_duplicates(objects: list[Any]) -> bool:
    return len(ids(objects)) != len(objects)


def scribble(manager: Any, intruder: Any) -> None:
    """Mutate every container of ``manager`` in place."""
    manager.handlers.append(intruder)
    manager.inheritable_handlers.append(intruder)
    manager.tags.append("scribbled")
    manager.inheritable_tags.append("scribbled")
    manager.metadata["scribbled"] = True
    manager.inheritable_metadata["scribbled"] = True


# --- handlers -----------------------------------------------------------------


@pytest.mark.clause("STATE-01")
def test_add_handler_never_duplicates(manager_class: Any, make_handler: Any) -> None:
    a, b = make_handler("a"), make_handler("b")
    manager = manager_class(handlers=[])
    manager.add_handler(a)
    manager.add_handler(b)
    manager.add_handler(a)
    manager.add_handler(a, inherit=False)
    for name in ("handlers", "inheritable_handlers"):
        observed = getattr(manager, name)
        assert same_objects(observed, [a, b]), f"{name}: expected [a, b], observed {observed}"


@pytest.mark.clause("STATE-01")
def test_add_handler_without_inherit_only_adds_to_handlers(
    manager_class: Any, make_handler: Any
) -> None:
    local = make_handler("local")
    manager = manager_class(handlers=[])
    manager.add_handler(local, inherit=False)
    assert same_objects(manager.handlers, [local]), f"handlers: observed {manager.handlers}"
    assert manager.inheritable_handlers == [], (
        f"inheritable_handlers: expected [], observed {manager.inheritable_handlers}"
    )


@pytest.mark.clause("STATE-01")
def test_add_handler_with_inherit_makes_a_local_handler_inheritable(
    manager_class: Any, make_handler: Any
) -> None:
    handler = make_handler("h")
    manager = manager_class(handlers=[])
    manager.add_handler(handler, inherit=False)
    manager.add_handler(handler, inherit=True)
    assert same_objects(manager.handlers, [handler]), f"handlers: observed {manager.handlers}"
    assert same_objects(manager.inheritable_handlers, [handler]), (
        f"inheritable_handlers: expected [h], observed {manager.inheritable_handlers}"
    )


@pytest.mark.clause("STATE-02")
def test_remove_handler_removes_it_from_both_lists(manager_class: Any, make_handler: Any) -> None:
    a, b = make_handler("a"), make_handler("b")
    manager = manager_class(handlers=[])
    manager.add_handler(a)
    manager.add_handler(b)
    manager.remove_handler(a)
    for name in ("handlers", "inheritable_handlers"):
        observed = getattr(manager, name)
        assert same_objects(observed, [b]), f"{name}: expected [b], observed {observed}"


@pytest.mark.clause("STATE-02")
def test_remove_handler_ignores_an_absent_handler(manager_class: Any, make_handler: Any) -> None:
    present, absent = make_handler("present"), make_handler("absent")
    manager = manager_class(handlers=[])
    manager.add_handler(present)
    manager.remove_handler(absent)  # must not raise
    for name in ("handlers", "inheritable_handlers"):
        observed = getattr(manager, name)
        assert same_objects(observed, [present]), f"{name}: expected [present], observed {observed}"


@pytest.mark.clause("STATE-03")
@pytest.mark.parametrize("inherit", [True, False], ids=["inherit", "no-inherit"])
def test_set_handlers_replaces_both_lists(
    manager_class: Any, make_handler: Any, inherit: bool
) -> None:
    old_local, old_shared, a, b = (make_handler(x) for x in ("old_local", "old_shared", "a", "b"))
    manager = manager_class(handlers=[])
    manager.add_handler(old_local, inherit=False)
    manager.add_handler(old_shared)
    manager.set_handlers([a, b], inherit=inherit)
    expected_inheritable = [a, b] if inherit else []
    assert same_objects(manager.handlers, [a, b]), (
        f"handlers: expected [a, b], observed {manager.handlers}"
    )
    assert same_objects(manager.inheritable_handlers, expected_inheritable), (
        f"inheritable_handlers: expected {expected_inheritable}, "
        f"observed {manager.inheritable_handlers}"
    )


@pytest.mark.clause("STATE-03")
@pytest.mark.parametrize("inherit", [True, False], ids=["inherit", "no-inherit"])
def test_set_handler_makes_it_the_only_handler(
    manager_class: Any, make_handler: Any, inherit: bool
) -> None:
    old, new = make_handler("old"), make_handler("new")
    manager = manager_class(handlers=[])
    manager.add_handler(old)
    manager.set_handler(new, inherit=inherit)
    expected_inheritable = [new] if inherit else []
    assert same_objects(manager.handlers, [new]), (
        f"handlers: expected [new], observed {manager.handlers}"
    )
    assert same_objects(manager.inheritable_handlers, expected_inheritable), (
        f"inheritable_handlers: expected {expected_inheritable}, "
        f"observed {manager.inheritable_handlers}"
    )


# --- tags -----------------------------------------------------------------------


@pytest.mark.clause("STATE-04")
def test_add_tags_moves_an_existing_tag_to_the_end(manager_class: Any) -> None:
    manager = manager_class(handlers=[])
    manager.add_tags(["a", "b", "c"])
    manager.add_tags(["a"])
    assert manager.tags == ["b", "c", "a"], (
        f"tags: expected ['b', 'c', 'a'], observed {manager.tags}"
    )
    assert manager.inheritable_tags == ["b", "c", "a"], (
        f"inheritable_tags: expected ['b', 'c', 'a'], observed {manager.inheritable_tags}"
    )


@pytest.mark.clause("STATE-04")
def test_add_tags_inherit_decides_the_inheritable_tags(manager_class: Any) -> None:
    manager = manager_class(handlers=[])
    manager.add_tags(["shared"])
    manager.add_tags(["local"], inherit=False)
    assert manager.tags == ["shared", "local"], f"tags: observed {manager.tags}"
    assert manager.inheritable_tags == ["shared"], (
        f"inheritable_tags: expected ['shared'], observed {manager.inheritable_tags}"
    )


@pytest.mark.clause("STATE-04")
def test_add_tags_without_inherit_makes_a_moved_tag_local(manager_class: Any) -> None:
    # The tag is removed everywhere and re-added as this call says.
    manager = manager_class(handlers=[])
    manager.add_tags(["t", "u"])
    manager.add_tags(["t"], inherit=False)
    assert manager.tags == ["u", "t"], f"tags: expected ['u', 't'], observed {manager.tags}"
    assert manager.inheritable_tags == ["u"], (
        f"inheritable_tags: expected ['u'], observed {manager.inheritable_tags}"
    )


@pytest.mark.clause("STATE-05")
def test_remove_tags_removes_from_both_lists_and_ignores_absent_tags(manager_class: Any) -> None:
    manager = manager_class(handlers=[])
    manager.add_tags(["a", "b"])
    manager.add_tags(["c"], inherit=False)
    manager.remove_tags(["a", "c", "never-added"])
    assert manager.tags == ["b"], f"tags: expected ['b'], observed {manager.tags}"
    assert manager.inheritable_tags == ["b"], (
        f"inheritable_tags: expected ['b'], observed {manager.inheritable_tags}"
    )


# --- metadata ---------------------------------------------------------------------


@pytest.mark.clause("STATE-06")
def test_add_metadata_merges_with_new_values_winning(manager_class: Any) -> None:
    manager = manager_class(handlers=[])
    manager.add_metadata({"kept": 1, "replaced": 1})
    manager.add_metadata({"replaced": 2, "added": 2})
    expected = {"kept": 1, "replaced": 2, "added": 2}
    assert manager.metadata == expected, (
        f"metadata: expected {expected}, observed {manager.metadata}"
    )
    assert manager.inheritable_metadata == expected, (
        f"inheritable_metadata: expected {expected}, observed {manager.inheritable_metadata}"
    )


@pytest.mark.clause("STATE-06")
def test_add_metadata_inherit_decides_the_inheritable_metadata(manager_class: Any) -> None:
    manager = manager_class(handlers=[])
    manager.add_metadata({"shared": 1})
    manager.add_metadata({"local": 2, "shared": 3}, inherit=False)
    assert manager.metadata == {"shared": 3, "local": 2}, f"metadata: observed {manager.metadata}"
    assert manager.inheritable_metadata == {"shared": 1}, (
        f"inheritable_metadata: expected {{'shared': 1}}, observed {manager.inheritable_metadata}"
    )


@pytest.mark.clause("STATE-06")
def test_remove_metadata_removes_keys_from_both_and_ignores_absent_keys(
    manager_class: Any,
) -> None:
    manager = manager_class(handlers=[])
    manager.add_metadata({"a": 1, "b": 2})
    manager.add_metadata({"c": 3}, inherit=False)
    manager.remove_metadata(["a", "c", "never-added"])
    assert manager.metadata == {"b": 2}, (
        f"metadata: expected {{'b': 2}}, observed {manager.metadata}"
    )
    assert manager.inheritable_metadata == {"b": 2}, (
        f"inheritable_metadata: expected {{'b': 2}}, observed {manager.inheritable_metadata}"
    )


# --- copy -------------------------------------------------------------------------


def filled_manager(manager_class: Any, make_handler: Any, prefix: str = "") -> Any:
    """A manager with one inheritable and one local item of each kind."""
    manager = manager_class(handlers=[], parent_run_id=PARENT)
    manager.add_handler(make_handler(f"{prefix}shared"))
    manager.add_handler(make_handler(f"{prefix}local"), inherit=False)
    manager.add_tags([f"{prefix}shared-tag"])
    manager.add_tags([f"{prefix}local-tag"], inherit=False)
    manager.add_metadata({f"{prefix}shared": 1})
    manager.add_metadata({f"{prefix}local": 2}, inherit=False)
    return manager


@pytest.mark.clause("COPY-01")
def test_copy_has_the_same_class_handlers_tags_metadata_and_parent(
    manager_class: Any, make_handler: Any
) -> None:
    original = filled_manager(manager_class, make_handler)
    duplicate = original.copy()
    assert type(duplicate) is manager_class, (
        f"expected a {manager_class.__name__}, observed {type(duplicate).__name__}"
    )
    assert_unchanged(duplicate, snapshot(original), "copy")


@pytest.mark.clause("COPY-02")
def test_copy_and_original_do_not_share_containers(manager_class: Any, make_handler: Any) -> None:
    original = filled_manager(manager_class, make_handler)
    before = snapshot(original)
    scribble(original.copy(), make_handler("intruder"))
    assert_unchanged(original, before, "original after mutating the copy")

    # The copy is compared with itself, not with the original: what copy leaves
    # out (parent_run_id, say) is a COPY-01 failure, not a shared container.
    duplicate = original.copy()
    before_duplicate = snapshot(duplicate)
    scribble(original, make_handler("intruder"))
    assert_unchanged(duplicate, before_duplicate, "copy after mutating the original")


# --- merge ------------------------------------------------------------------------


@pytest.mark.clause("MERGE-01")
@pytest.mark.parametrize("other_name", MANAGER_NAMES)
def test_merge_returns_a_new_manager_of_the_receivers_class(
    impl: Any, manager_class: Any, other_name: str
) -> None:
    this = manager_class(handlers=[])
    other = getattr(impl, other_name)(handlers=[])
    merged = this.merge(other)
    assert type(merged) is manager_class, (
        f"{manager_class.__name__}.merge({other_name}): expected a {manager_class.__name__}, "
        f"observed {type(merged).__name__}"
    )
    assert merged is not this, "merge returned its receiver instead of a new manager"
    assert merged is not other, "merge returned its argument instead of a new manager"


_VALUE_EQUAL: dict[type, type] = {}


def value_equal(handler: Any) -> Any:
    """``handler``, turned into an instance of a class users write: equal by value
    (like a ``@dataclass`` handler), hence unhashable.  Labels differ, so distinct
    handlers stay unequal."""
    cls = type(handler)
    if cls not in _VALUE_EQUAL:
        _VALUE_EQUAL[cls] = type(
            f"ValueEqual{cls.__name__}",
            (cls,),
            {
                "__eq__": lambda self, other: (
                    type(other) is type(self) and other._label == self._label
                ),
                "__hash__": None,
            },
        )
    handler.__class__ = _VALUE_EQUAL[cls]
    return handler


@pytest.mark.clause("MERGE-02")
@pytest.mark.parametrize("shape", ["plain-handlers", "value-equal-handlers"])
def test_merge_unions_each_list_without_duplicates(
    impl: Any, manager_class: Any, make_handler: Any, shape: str
) -> None:
    # Users write handlers of any class: a @dataclass handler is equal by value and
    # unhashable, and merge must still work on it.
    a, b, c, d = (make_handler(x) for x in "abcd")
    if shape == "value-equal-handlers":
        a, b, c, d = (value_equal(h) for h in (a, b, c, d))
    this = manager_class(
        handlers=[a, b], inheritable_handlers=[a], tags=["x", "y"], inheritable_tags=["x"]
    )
    other = impl.CallbackManager(
        handlers=[b, c], inheritable_handlers=[a, d], tags=["y", "z"], inheritable_tags=["w"]
    )
    merged = this.merge(other)
    expectations = {
        "handlers": [a, b, c],
        "inheritable_handlers": [a, d],
    }
    for name, expected in expectations.items():
        observed = getattr(merged, name)
        assert not has_duplicates(observed), f"{name}: duplicates in {observed}"
        assert ids(observed) == ids(expected), (
            f"{name}: expected the union of both managers' {name}, {expected} in any order; "
            f"observed {observed}"
            + _origins(observed, expected, {"this manager": this, "the other manager": other})
        )
    for name, expected_tags in {"tags": ["x", "y", "z"], "inheritable_tags": ["x", "w"]}.items():
        observed_tags = getattr(merged, name)
        assert sorted(observed_tags) == sorted(expected_tags), (
            f"{name}: expected {expected_tags} in any order, observed {observed_tags}"
        )


def _origins(observed: list[Any], expected: list[Any], managers: dict[str, Any]) -> str:
    """Where each wrong item of a merged list came from: names the real difference
    (typically handlers and inheritable handlers mixed up)."""
    notes = []
    for item in observed:
        if id(item) not in ids(expected):
            places = [
                f"{who}'s {lst}"
                for who, manager in managers.items()
                for lst in ("handlers", "inheritable_handlers")
                if id(item) in ids(getattr(manager, lst))
            ]
            notes.append(f"{item} should not be there (it is only in {' and '.join(places)})")
    for item in expected:
        if id(item) not in ids(observed):
            notes.append(f"{item} is missing")
    return ("; " + "; ".join(notes)) if notes else ""


@pytest.mark.clause("MERGE-03")
def test_merge_lets_the_other_managers_metadata_win(impl: Any, manager_class: Any) -> None:
    this = manager_class(
        handlers=[],
        metadata={"mine": 1, "both": 1},
        inheritable_metadata={"mine": 1, "both": 1},
    )
    other = impl.AsyncCallbackManager(
        handlers=[],
        metadata={"theirs": 2, "both": 2},
        inheritable_metadata={"both": 2},
    )
    merged = this.merge(other)
    expected = {"mine": 1, "both": 2, "theirs": 2}
    assert merged.metadata == expected, f"metadata: expected {expected}, observed {merged.metadata}"
    expected_inheritable = {"mine": 1, "both": 2}
    assert merged.inheritable_metadata == expected_inheritable, (
        f"inheritable_metadata: expected {expected_inheritable}, "
        f"observed {merged.inheritable_metadata}"
    )


@pytest.mark.clause("MERGE-04")
@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [(PARENT, OTHER_PARENT, PARENT), (None, OTHER_PARENT, OTHER_PARENT), (PARENT, None, PARENT)],
    ids=["both", "only-other", "only-self"],
)
def test_merge_keeps_the_receivers_parent_run_else_the_others(
    impl: Any,
    manager_class: Any,
    mine: uuid.UUID | None,
    theirs: uuid.UUID | None,
    expected: uuid.UUID,
) -> None:
    merged = manager_class(handlers=[], parent_run_id=mine).merge(
        impl.CallbackManager(handlers=[], parent_run_id=theirs)
    )
    assert merged.parent_run_id == expected, (
        f"parent_run_id: expected {expected}, observed {merged.parent_run_id}"
    )


@pytest.mark.clause("MERGE-05")
def test_merge_leaves_both_operands_unchanged(
    impl: Any, manager_class: Any, make_handler: Any
) -> None:
    this = filled_manager(manager_class, make_handler)
    other = filled_manager(impl.CallbackManager, make_handler, prefix="other-")
    other.parent_run_id = OTHER_PARENT
    before_this, before_other = snapshot(this), snapshot(other)
    merged = this.merge(other)
    assert_unchanged(this, before_this, "receiver of merge")
    assert_unchanged(other, before_other, "argument of merge")
    # Nor does the result share containers with them.
    scribble(merged, make_handler("intruder"))
    assert_unchanged(this, before_this, "receiver after mutating the merge result")
    assert_unchanged(other, before_other, "argument after mutating the merge result")

    # An empty operand is no reason to hand back the other's own containers.
    merged = this.merge(impl.CallbackManager(handlers=[]))
    scribble(merged, make_handler("intruder"))
    assert_unchanged(this, before_this, "receiver after mutating its merge with an empty manager")
    merged = manager_class(handlers=[]).merge(other)
    scribble(merged, make_handler("intruder"))
    assert_unchanged(
        other, before_other, "argument after mutating an empty manager's merge with it"
    )


# --- random managers merged -------------------------------------------------------


@pytest.mark.clause("MERGE-01", "MERGE-02", "MERGE-03", "MERGE-04", "MERGE-05")
@QUICK_FAILURE_SETTINGS
@given(data=st.data())
def test_merge_of_random_managers_follows_the_rules(
    impl: Any, manager_class: Any, make_handler: Any, data: st.DataObject
) -> None:
    pool = [make_handler(label) for label in HANDLER_LABELS]
    handler_lists = st.lists(st.sampled_from(pool), unique_by=id, max_size=len(pool))
    tag_lists = st.lists(st.sampled_from(TAGS), unique=True, max_size=len(TAGS))
    metadata = st.dictionaries(st.sampled_from(KEYS), metadata_values, max_size=len(KEYS))
    parents = st.sampled_from([None, PARENT, OTHER_PARENT])

    def draw_manager(role: str, cls: Any) -> Any:
        return cls(
            handlers=data.draw(handler_lists, label=f"{role}.handlers"),
            inheritable_handlers=data.draw(handler_lists, label=f"{role}.inheritable_handlers"),
            parent_run_id=data.draw(parents, label=f"{role}.parent_run_id"),
            tags=data.draw(tag_lists, label=f"{role}.tags"),
            inheritable_tags=data.draw(tag_lists, label=f"{role}.inheritable_tags"),
            metadata=data.draw(metadata, label=f"{role}.metadata"),
            inheritable_metadata=data.draw(metadata, label=f"{role}.inheritable_metadata"),
        )

    other_name = data.draw(st.sampled_from(MANAGER_NAMES), label="other manager class")
    this = draw_manager("self", manager_class)
    other = draw_manager("other", getattr(impl, other_name))
    before_this, before_other = snapshot(this), snapshot(other)

    merged = this.merge(other)

    # Each check blames its own clause: a bug in one rule fails that clause only.
    with checking("MERGE-01"):
        assert type(merged) is manager_class, (
            f"expected a {manager_class.__name__}, observed {type(merged).__name__}"
        )
    with checking("MERGE-02"):
        for name in ("handlers", "inheritable_handlers"):
            observed = getattr(merged, name)
            expected_ids = ids(before_this[name]) | ids(before_other[name])
            assert not has_duplicates(observed), f"{name}: duplicates in {observed}"
            assert ids(observed) == expected_ids, (
                f"{name}: expected the union of {before_this[name]} and {before_other[name]}, "
                f"observed {observed}"
            )
        for name in ("tags", "inheritable_tags"):
            observed = getattr(merged, name)
            expected_tags = set(before_this[name]) | set(before_other[name])
            assert sorted(observed) == sorted(expected_tags), (
                f"{name}: expected {sorted(expected_tags)} in any order without duplicates, "
                f"observed {observed}"
            )
    with checking("MERGE-03"):
        for name in ("metadata", "inheritable_metadata"):
            expected_metadata = {**before_this[name], **before_other[name]}
            assert getattr(merged, name) == expected_metadata, (
                f"{name}: expected {expected_metadata} (other wins), "
                f"observed {getattr(merged, name)}"
            )
    with checking("MERGE-04"):
        expected_parent = before_this["parent_run_id"] or before_other["parent_run_id"]
        assert merged.parent_run_id == expected_parent, (
            f"parent_run_id: expected {expected_parent}, observed {merged.parent_run_id}"
        )
    with checking("MERGE-05"):
        assert_unchanged(this, before_this, "receiver of merge")
        assert_unchanged(other, before_other, "argument of merge")
        # The result has containers of its own, even when one side is empty.
        scribble(merged, make_handler("intruder"))
        assert_unchanged(this, before_this, "receiver after mutating the merge result")
        assert_unchanged(other, before_other, "argument after mutating the merge result")


# --- random operations against a model ----------------------------------------------


LISTS = ("handlers", "inheritable_handlers", "tags", "inheritable_tags")


@dataclass
class Model:
    """What a manager should hold, by handler label; order is part of the model.

    Merged lists are the exception: their order is only a SHOULD (MERGE-06)
    and langchain-core builds them from sets, so a merge is checked on content
    alone, and the model then takes the order the implementation chose.
    """

    handlers: list[str] = field(default_factory=list)
    inheritable_handlers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    inheritable_tags: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    inheritable_metadata: dict[str, Any] = field(default_factory=dict)
    parent_run_id: uuid.UUID | None = PARENT

    def as_dict(self) -> dict[str, Any]:
        return {
            "handlers": list(self.handlers),
            "inheritable_handlers": list(self.inheritable_handlers),
            "tags": list(self.tags),
            "inheritable_tags": list(self.inheritable_tags),
            "metadata": dict(self.metadata),
            "inheritable_metadata": dict(self.inheritable_metadata),
            "parent_run_id": self.parent_run_id,
        }

    def merged(self, other: Model) -> Model:
        """The merge rules: each list the union (listed receiver-first here, but only the
        content counts), the other's metadata winning, the receiver's parent run else the
        other's."""

        def union(mine: list[str], theirs: list[str]) -> list[str]:
            return [*mine, *(x for x in theirs if x not in mine)]

        return Model(
            handlers=union(self.handlers, other.handlers),
            inheritable_handlers=union(self.inheritable_handlers, other.inheritable_handlers),
            tags=union(self.tags, other.tags),
            inheritable_tags=union(self.inheritable_tags, other.inheritable_tags),
            metadata={**self.metadata, **other.metadata},
            inheritable_metadata={**self.inheritable_metadata, **other.inheritable_metadata},
            parent_run_id=self.parent_run_id or other.parent_run_id,
        )

    def add_handler(self, label: str, inherit: bool) -> None:
        if label not in self.handlers:
            self.handlers.append(label)
        if inherit and label not in self.inheritable_handlers:
            self.inheritable_handlers.append(label)

    def remove_handler(self, label: str) -> None:
        self.handlers = [x for x in self.handlers if x != label]
        self.inheritable_handlers = [x for x in self.inheritable_handlers if x != label]

    def set_handlers(self, labels: list[str], inherit: bool) -> None:
        self.handlers = list(labels)
        self.inheritable_handlers = list(labels) if inherit else []

    def add_tags(self, tags: list[str], inherit: bool) -> None:
        moved = [t for t in tags if t in self.tags]
        self.remove_tags(moved)
        self.tags += tags
        if inherit:
            self.inheritable_tags += tags

    def remove_tags(self, tags: list[str]) -> None:
        self.tags = [t for t in self.tags if t not in tags]
        self.inheritable_tags = [t for t in self.inheritable_tags if t not in tags]

    def add_metadata(self, metadata: dict[str, Any], inherit: bool) -> None:
        self.metadata.update(metadata)
        if inherit:
            self.inheritable_metadata.update(metadata)

    def remove_metadata(self, keys: list[str]) -> None:
        for key in keys:
            self.metadata.pop(key, None)
            self.inheritable_metadata.pop(key, None)


def state_by_label(manager: Any, pool: dict[str, Any]) -> dict[str, Any]:
    """What ``manager`` holds, in the shape of :meth:`Model.as_dict` (handlers by label)."""
    label_of = {id(handler): label for label, handler in pool.items()}

    def labels(handlers: list[Any]) -> list[str]:
        return [label_of.get(id(h), f"<not from the pool: {h!r}>") for h in handlers]

    return {
        "handlers": labels(manager.handlers),
        "inheritable_handlers": labels(manager.inheritable_handlers),
        "tags": list(manager.tags),
        "inheritable_tags": list(manager.inheritable_tags),
        "metadata": dict(manager.metadata),
        "inheritable_metadata": dict(manager.inheritable_metadata),
        "parent_run_id": manager.parent_run_id,
    }


handler_labels = st.sampled_from(HANDLER_LABELS)
distinct_handler_labels = st.lists(handler_labels, unique=True, max_size=len(HANDLER_LABELS))
distinct_tags = st.lists(st.sampled_from(TAGS), unique=True, max_size=len(TAGS))
small_metadata = st.dictionaries(st.sampled_from(KEYS), metadata_values, max_size=3)
metadata_keys = st.lists(st.sampled_from(KEYS), unique=True, max_size=3)


def some_of(items: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), unique=True) if items else st.just([])


@st.composite
def other_managers(draw: st.DrawFn) -> Model:
    """The other operand of a merge, by handler label.

    Shaped like every manager the mutators build: each inheritable handler
    and tag is also a local one.  (With an inheritable tag that is not a
    local one, ``add_tags`` appends it to the inheritable tags a second time,
    in langchain-core as in the reference, and whether ``remove_tags`` then
    removes one copy or both is more than the clauses say.)
    """
    handlers = draw(distinct_handler_labels)
    tags = draw(distinct_tags)
    return Model(
        handlers=handlers,
        inheritable_handlers=draw(some_of(handlers)),
        tags=tags,
        inheritable_tags=draw(some_of(tags)),
        metadata=draw(small_metadata),
        inheritable_metadata=draw(small_metadata),
        parent_run_id=draw(st.sampled_from([None, PARENT, OTHER_PARENT])),
    )


class ManagerMachine(RuleBasedStateMachine):
    """Random add/remove/set/copy/merge operations on a manager, checked against :class:`Model`."""

    # Set per run by machine_for(): the binding, the manager class under test and
    # the handler factory.
    impl: Any = None
    manager_class: Any = None
    make_handler: Callable[[str], Any]

    def __init__(self) -> None:
        super().__init__()
        self.pool = {label: self.make_handler(label) for label in HANDLER_LABELS}

    @initialize(parent=st.sampled_from([PARENT, None]))
    def start_with_an_empty_manager(self, parent: uuid.UUID | None) -> None:
        self.model = Model(parent_run_id=parent)
        self.manager = self.manager_class(handlers=[], parent_run_id=parent)

    def build(self, cls: Any, model: Model) -> Any:
        """A new manager of class ``cls`` holding what ``model`` says."""
        return cls(
            handlers=[self.pool[h] for h in model.handlers],
            inheritable_handlers=[self.pool[h] for h in model.inheritable_handlers],
            parent_run_id=model.parent_run_id,
            tags=list(model.tags),
            inheritable_tags=list(model.inheritable_tags),
            metadata=dict(model.metadata),
            inheritable_metadata=dict(model.inheritable_metadata),
        )

    def observed(self, manager: Any) -> dict[str, Any]:
        return state_by_label(manager, self.pool)

    def check(self, manager: Any, what: str, model: Model | None = None) -> None:
        """``manager`` holds what ``model`` (by default the machine's) says, in that order."""
        observed, expected = self.observed(manager), (model or self.model).as_dict()
        assert observed == expected, f"{what}:\n  expected {expected}\n  observed {observed}"

    def check_content(self, manager: Any, model: Model, what: str) -> None:
        """Like :meth:`check`, but each list only as a set without duplicates."""
        observed, expected = self.observed(manager), model.as_dict()
        wrong = []
        for name, value in expected.items():
            seen = observed[name]
            if name in LISTS:
                right = len(set(seen)) == len(seen) and set(seen) == set(value)
            else:
                right = seen == value
            if not right:
                wrong.append(name)
        assert not wrong, (
            f"{what}: wrong {', '.join(wrong)} (lists in any order, without duplicates):\n"
            f"  expected {expected}\n  observed {observed}"
        )

    @invariant()
    def manager_matches_model(self) -> None:
        self.check(self.manager, "manager")

    @rule(handler=handler_labels, inherit=st.booleans())
    def add_handler(self, handler: str, inherit: bool) -> None:
        self.manager.add_handler(self.pool[handler], inherit=inherit)
        self.model.add_handler(handler, inherit)

    @rule(handler=handler_labels)
    def remove_handler(self, handler: str) -> None:
        self.manager.remove_handler(self.pool[handler])
        self.model.remove_handler(handler)

    @rule(handlers=distinct_handler_labels, inherit=st.booleans())
    def set_handlers(self, handlers: list[str], inherit: bool) -> None:
        self.manager.set_handlers([self.pool[h] for h in handlers], inherit=inherit)
        self.model.set_handlers(handlers, inherit)

    @rule(handler=handler_labels, inherit=st.booleans())
    def set_handler(self, handler: str, inherit: bool) -> None:
        self.manager.set_handler(self.pool[handler], inherit=inherit)
        self.model.set_handlers([handler], inherit)

    @rule(tags=distinct_tags, inherit=st.booleans())
    def add_tags(self, tags: list[str], inherit: bool) -> None:
        self.manager.add_tags(list(tags), inherit=inherit)
        self.model.add_tags(tags, inherit)

    @rule(tags=distinct_tags)
    def remove_tags(self, tags: list[str]) -> None:
        self.manager.remove_tags(list(tags))
        self.model.remove_tags(tags)

    @rule(metadata=small_metadata, inherit=st.booleans())
    def add_metadata(self, metadata: dict[str, Any], inherit: bool) -> None:
        self.manager.add_metadata(dict(metadata), inherit=inherit)
        self.model.add_metadata(metadata, inherit)

    @rule(keys=metadata_keys)
    def remove_metadata(self, keys: list[str]) -> None:
        self.manager.remove_metadata(list(keys))
        self.model.remove_metadata(keys)

    @rule()
    def copy_and_carry_on_with_the_copy(self) -> None:
        original = self.manager
        first = original.copy()
        assert type(first) is type(original), (
            f"copy: expected a {type(original).__name__}, observed {type(first).__name__}"
        )
        self.check(first, "copy")
        scribble(first, self.make_handler("intruder"))
        self.check(original, "original after mutating its copy")

        second = original.copy()
        scribble(original, self.make_handler("intruder"))
        self.check(second, "copy after mutating the original")
        self.manager = second

    @rule(other=other_managers(), other_class=st.sampled_from(MANAGER_NAMES))
    def merge_and_carry_on_with_the_result(self, other: Model, other_class: str) -> None:
        receiver, cls = self.manager, getattr(self.impl, other_class)
        argument = self.build(cls, other)
        expected = self.model.merged(other)

        first = receiver.merge(argument)
        assert type(first) is type(receiver), (
            f"merge: expected a {type(receiver).__name__}, observed {type(first).__name__}"
        )
        self.check_content(first, expected, f"merge with a {other_class}")
        self.check(receiver, "receiver of merge")
        self.check(argument, "argument of merge", other)
        scribble(first, self.make_handler("intruder"))
        self.check(receiver, "receiver after mutating the merge result")
        self.check(argument, "argument after mutating the merge result", other)

        second = receiver.merge(argument)
        scribble(receiver, self.make_handler("intruder"))
        scribble(argument, self.make_handler("intruder"))
        self.check_content(second, expected, "merge result after mutating both operands")
        # Go on with the merged manager, in the order its lists came out.
        observed = self.observed(second)
        for name in LISTS:
            setattr(expected, name, observed[name])
        self.model = expected
        self.manager = second


def machine_for(
    impl: Any, manager_class: Any, make_handler: Callable[[str], Any]
) -> type[ManagerMachine]:
    attributes = {
        "impl": impl,
        "manager_class": manager_class,
        "make_handler": staticmethod(make_handler),
    }
    return type(f"ManagerMachineFor{manager_class.__name__}", (ManagerMachine,), attributes)


@pytest.mark.clause("STATE-07")
def test_random_operations_keep_the_manager_equal_to_the_model(
    impl: Any, manager_class: Any, make_handler: Any
) -> None:
    run_state_machine_as_test(
        machine_for(impl, manager_class, make_handler),
        settings=settings(QUICK_FAILURE_SETTINGS, stateful_step_count=30),
    )


# --- managers built from the caller's shared lists and dicts -------------------------

# Each of the six constructor arguments is either a container of the manager's
# own or one of the caller's shared objects below.  Callers really do this: a
# module-level DEFAULT_TAGS list or handlers list given to every manager they
# build, one list given as both ``handlers`` and ``inheritable_handlers``.
SHARED_SLOTS = {
    "handlers": "shared handlers list",
    "inheritable_handlers": "shared handlers list",
    "tags": "shared tags list",
    "inheritable_tags": "shared tags list",
    "metadata": "shared metadata dict",
    "inheritable_metadata": "shared metadata dict",
}

#: Each mutator with the strategy of its first argument (handlers by label) and
#: whether it takes ``inherit``.
MUTATORS: dict[str, tuple[st.SearchStrategy[Any], bool]] = {
    "add_handler": (handler_labels, True),
    "remove_handler": (handler_labels, False),
    "set_handlers": (distinct_handler_labels, True),
    "add_tags": (distinct_tags, True),
    "remove_tags": (distinct_tags, False),
    "add_metadata": (small_metadata, True),
    "remove_metadata": (metadata_keys, False),
}


@st.composite
def mutations(draw: st.DrawFn, managers: int) -> tuple[int, str, Any, bool | None]:
    """One mutator call: which manager, which method, its argument (by label), inherit."""
    target = draw(st.integers(0, managers - 1), label="on manager")
    name = draw(st.sampled_from(sorted(MUTATORS)), label="mutator")
    argument_strategy, takes_inherit = MUTATORS[name]
    argument = draw(argument_strategy, label="argument")
    inherit = draw(st.booleans(), label="inherit") if takes_inherit else None
    return target, name, argument, inherit


@pytest.mark.clause("STATE-08")
@QUICK_FAILURE_SETTINGS
@given(data=st.data())
def test_managers_built_from_shared_lists_keep_their_own_state(
    impl: Any, manager_class: Any, make_handler: Any, data: st.DataObject
) -> None:
    pool = {label: make_handler(label) for label in HANDLER_LABELS}
    # What each shared object holds (handlers by label), and the objects themselves.
    shared_values: dict[str, Any] = {
        "shared handlers list": data.draw(distinct_handler_labels, label="shared handlers list"),
        "shared tags list": data.draw(distinct_tags, label="shared tags list"),
        "shared metadata dict": data.draw(small_metadata, label="shared metadata dict"),
    }
    shared: dict[str, Any] = {
        "shared handlers list": [pool[h] for h in shared_values["shared handlers list"]],
        "shared tags list": list(shared_values["shared tags list"]),
        "shared metadata dict": dict(shared_values["shared metadata dict"]),
    }
    count = data.draw(st.integers(1, 3), label="managers")

    managers: list[Any] = []
    models: list[Model] = []
    built: list[str] = []
    for index in range(count):
        slots = {
            name: data.draw(st.sampled_from(["own", source]), label=f"manager {index}: {name}")
            for name, source in SHARED_SLOTS.items()
        }
        # Inheritable tags are kept among the local tags, as every mutator keeps them
        # (see other_managers()): the shared list serves both or the local tags only.
        if slots["tags"] == "own":
            slots["inheritable_tags"] = "own"
        own_handlers = data.draw(distinct_handler_labels, label=f"manager {index}: own handlers")
        own_tags = data.draw(distinct_tags, label=f"manager {index}: own tags")
        tag_values = shared_values["shared tags list"] if slots["tags"] != "own" else own_tags
        own_values: dict[str, Any] = {
            "handlers": own_handlers,
            "inheritable_handlers": data.draw(
                distinct_handler_labels, label=f"manager {index}: own inheritable handlers"
            ),
            "tags": own_tags,
            "inheritable_tags": data.draw(
                some_of(list(tag_values)), label=f"manager {index}: own inheritable tags"
            ),
            "metadata": data.draw(small_metadata, label=f"manager {index}: own metadata"),
            "inheritable_metadata": data.draw(
                small_metadata, label=f"manager {index}: own inheritable metadata"
            ),
        }
        arguments: dict[str, Any] = {}
        expected: dict[str, Any] = {}
        for name, slot in slots.items():
            if slot != "own":
                arguments[name] = shared[slot]
                expected[name] = type(shared_values[slot])(shared_values[slot])
            elif name.endswith("handlers"):
                arguments[name] = [pool[h] for h in own_values[name]]
                expected[name] = list(own_values[name])
            else:
                arguments[name] = type(own_values[name])(own_values[name])
                expected[name] = type(own_values[name])(own_values[name])
        managers.append(manager_class(parent_run_id=PARENT, **arguments))
        models.append(Model(parent_run_id=PARENT, **expected))
        sharing = [f"{name} = {slot}" for name, slot in slots.items() if slot != "own"]
        built.append(f"manager {index}: " + (", ".join(sharing) or "all containers its own"))

    done: list[str] = []
    for step in range(data.draw(st.integers(1, 8), label="mutator calls")):
        target, name, argument, inherit = data.draw(mutations(count), label=f"call {step}")
        # The manager gets handler objects, and its own copy of a list or dict argument.
        if name in ("add_handler", "remove_handler"):
            passed: Any = pool[argument]
        elif name == "set_handlers":
            passed = [pool[h] for h in argument]
        else:
            passed = type(argument)(argument)
        keywords = {} if inherit is None else {"inherit": inherit}
        getattr(managers[target], name)(passed, **keywords)
        getattr(models[target], name)(argument, *keywords.values())
        shown = f"{argument!r}" + ("" if inherit is None else f", inherit={inherit}")
        done.append(f"manager {target}.{name}({shown})")
        for index, (manager, model) in enumerate(zip(managers, models, strict=True)):
            seen, wanted = state_by_label(manager, pool), model.as_dict()
            wrong = [key for key in wanted if seen[key] != wanted[key]]
            assert not wrong, (
                f"manager {index}'s {', '.join(wrong)} changed wrongly after "
                f"{done[-1]}:\n  expected {wanted}\n  observed {seen}\n"
                "how the managers were built:\n    "
                + "\n    ".join(built)
                + "\ncalls so far:\n    "
                + "\n    ".join(done)
            )
