"""The order of merged lists (MERGE-06, a SHOULD clause).

``merge`` must take the union of both managers' handler and tag lists
(MERGE-02, checked without order in test_state.py).  It should also keep
an order a reader can predict: the receiver's items first, in its order,
then the other manager's items it lacked, in the other's order.
langchain-core 1.7 builds the merged lists from sets, so its order is
whatever the set gives: a recommendation, not a requirement.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.suite.strategies import QUICK_FAILURE_SETTINGS

HANDLER_LABELS = ("h0", "h1", "h2", "h3", "h4")
TAGS = ("red", "green", "blue", "cyan", "gold")
LISTS = ("handlers", "inheritable_handlers", "tags", "inheritable_tags")
MANAGER_NAMES = ("CallbackManager", "AsyncCallbackManager")


def ordered_union(first: list[str], second: list[str]) -> list[str]:
    """``first``, then the items of ``second`` that ``first`` lacks, each in its order."""
    return [*first, *(item for item in second if item not in first)]


@pytest.mark.clause("MERGE-06")
def test_merge_keeps_the_receivers_items_first_then_the_others_new_ones(
    impl: Any, manager_class: Any, make_handler: Any
) -> None:
    # The handlers are made once, outside the examples: an implementation
    # that orders them by a set orders them by their hashes, and a handler
    # made anew for each example would hash differently every time, so the
    # same example could fail and then pass when hypothesis replays it.
    pool = {label: make_handler(label) for label in HANDLER_LABELS}
    label_of = {id(handler): label for label, handler in pool.items()}
    handler_lists = st.lists(st.sampled_from(HANDLER_LABELS), unique=True)
    tag_lists = st.lists(st.sampled_from(TAGS), unique=True)
    operand = st.fixed_dictionaries(
        {
            "handlers": handler_lists,
            "inheritable_handlers": handler_lists,
            "tags": tag_lists,
            "inheritable_tags": tag_lists,
        }
    )

    # Without the explain phase: an implementation that orders by a set (as
    # langchain-core does) fails nearly every example, and explaining the
    # shrunk one would cost seconds on every run against it.
    @QUICK_FAILURE_SETTINGS
    @given(
        this=operand,
        other=operand,
        other_class=st.sampled_from(MANAGER_NAMES),
    )
    def merged_lists_keep_their_order(
        this: dict[str, list[str]], other: dict[str, list[str]], other_class: str
    ) -> None:
        def build(cls: Any, lists: dict[str, list[str]]) -> Any:
            return cls(
                handlers=[pool[label] for label in lists["handlers"]],
                inheritable_handlers=[pool[label] for label in lists["inheritable_handlers"]],
                tags=list(lists["tags"]),
                inheritable_tags=list(lists["inheritable_tags"]),
            )

        merged = build(manager_class, this).merge(build(getattr(impl, other_class), other))

        for name in LISTS:
            items = getattr(merged, name)
            observed = (
                [label_of.get(id(h), repr(h)) for h in items] if "handlers" in name else items
            )
            expected = ordered_union(this[name], other[name])
            assert observed == expected, (
                f"{manager_class.__name__}.merge({other_class}): {name} should be the "
                f"receiver's {this[name]} followed by the other's new items from {other[name]}: "
                f"expected {expected}, observed {observed}"
            )

    merged_lists_keep_their_order()
