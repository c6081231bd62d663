"""The manager keeps the lists and dicts its caller gave the constructor.

Storing the caller's objects saves six copies per manager, and every
single-manager test still passes: a mutator changes the manager as it
should.  But a caller who gives one ``DEFAULT_TAGS`` list to two managers
now sees a tag added to one appear on the other, and one list given as both
``handlers`` and ``inheritable_handlers`` makes every local handler
inheritable.  langchain-core builds its managers the same way.
"""

from __future__ import annotations

from broken._adopting import adopt_callers_containers
from reference import *  # noqa: F403  (every binding name; the bug is patched in below)

EXPECTED_FAILURES = ("STATE-08",)

adopt_callers_containers()
