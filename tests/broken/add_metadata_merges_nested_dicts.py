"""add_metadata merges a nested dict into the one it replaces.

Written so that ``add_metadata({"config": {"b": 2}})`` on a manager holding
``{"config": {"a": 1}}`` "keeps" ``a``: a deep merge instead of the rule
that the new value wins whole.  Every test whose metadata values are plain
numbers passes; only metadata with nested values, as callers pass it,
shows the difference.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-07",)


def _deep_merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def add_metadata(self: Any, metadata: dict[str, Any], inherit: bool = True) -> None:
    self.metadata = _deep_merge(self.metadata, metadata)
    if inherit:
        self.inheritable_metadata = _deep_merge(self.inheritable_metadata, metadata)


reference.managers.BaseCallbackManager.add_metadata = add_metadata  # type: ignore[method-assign]
