"""remove_metadata deletes keys with ``del``, so a key that is not there raises KeyError.

The rule is to ignore absent keys.  ``del self.metadata[key]`` raises for a
key the manager never had, and for a key it holds only locally it raises
after removing the key from ``metadata``: half done.
"""

from __future__ import annotations

import reference.managers
from broken._mutation import edited
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-06", "STATE-07")

# The bug: absent keys raise KeyError.
reference.managers.BaseCallbackManager.remove_metadata = edited(  # type: ignore[method-assign]
    reference.managers.BaseCallbackManager.remove_metadata,
    ("self.metadata.pop(key, None)", "del self.metadata[key]"),
    ("self.inheritable_metadata.pop(key, None)", "del self.inheritable_metadata[key]"),
)
