"""Hypothesis profiles of the conformance suite: ``dev``, ``ci`` and ``thorough``.

Chosen with hypothesis's own ``--hypothesis-profile=NAME``; with ``--impl``
and no profile given, ``dev`` is loaded, or ``ci`` when hypothesis detects a
CI service (it reads variables such as ``CI`` or ``GITHUB_ACTIONS``).  Tests of the suite never set
``max_examples`` themselves, so the profile alone decides how hard they try.

* ``dev``: random examples, :data:`DEV_EXAMPLES` per property.
* ``ci``: the same number of examples, derandomized: the same run gives the
  same examples on every machine, so a CI result is reproducible.
* ``thorough``: ten times as many random examples, for a long run before a
  release.

No profile writes an example database: the suite runs inside its users'
repositories and must leave no files behind.  A failure prints the shrunk
example and a ``@reproduce_failure`` blob instead.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

DEV_EXAMPLES = 50
PROFILES = ("dev", "ci", "thorough")

_COMMON = {
    "deadline": None,  # a slow machine is not a failure of the implementation
    "database": None,
    "print_blob": True,
    # Suite fixtures (the binding, handler factories) hold no per-example state.
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def register_profiles() -> None:
    """Register the three profiles (idempotent; a user's own profile of the same name wins
    if registered later)."""
    # derandomize is spelled out: hypothesis's default for it follows CI detection.
    settings.register_profile(
        "dev",
        max_examples=DEV_EXAMPLES,
        derandomize=False,
        **_COMMON,  # type: ignore[arg-type]
    )
    settings.register_profile(
        "ci",
        max_examples=DEV_EXAMPLES,
        derandomize=True,
        **_COMMON,  # type: ignore[arg-type]
    )
    settings.register_profile(
        "thorough",
        max_examples=10 * DEV_EXAMPLES,
        derandomize=False,
        **_COMMON,  # type: ignore[arg-type]
    )
