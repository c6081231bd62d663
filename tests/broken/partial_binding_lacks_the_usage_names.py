"""A port that has not written its usage handler yet: it lacks two binding names.

Ports and forks grow name by name; langchain-core 0.3.9 and 0.3.10 had no
``UsageMetadataCallbackHandler`` nor ``get_usage_metadata_callback``.  The
suite runs every test that needs neither, reports the usage clauses as not
run, and fails SURF-01 for the two names themselves.
"""

from __future__ import annotations

from reference import *  # noqa: F403  (every binding name but the two deleted below)

EXPECTED_FAILURES = ("SURF-01",)

del UsageMetadataCallbackHandler, get_usage_metadata_callback  # noqa: F821
