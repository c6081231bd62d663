"""remove_metadata deletes keys with ``del``, so a key that is not there raises KeyError.

The rule is to ignore absent keys.  ``del self.metadata[key]`` raises for a
key the manager never had, and for a key it holds only locally it raises
after removing the key from ``metadata``: half done.
"""

from __future__ import annotations

from typing import Any

import reference.managers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-06", "STATE-07")


def remove_metadata(self: Any, keys: list[str]) -> None:
    for key in keys:
        del self.metadata[key]  # the bug: absent keys raise KeyError
        del self.inheritable_metadata[key]


reference.managers.BaseCallbackManager.remove_metadata = remove_metadata  # type: ignore[method-assign]
