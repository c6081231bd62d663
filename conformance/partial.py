"""Partial bindings: a module that exposes only some of the binding names.

Such a module is still tested.  How a test says which names it needs: it
does not say — it asks.  Every binding name the module lacks is answered,
on attribute access to the ``impl`` fixture, with
:class:`~conformance.binding.MissingBindingName` (an ``AttributeError``),
and the binding remembers each missing name asked for during the test.  A
test (or one of its fixtures) that asked for a missing name is reported as
not run, "not run (missing: NAME)", whatever became of the exception —
even when a manager swallowed it inside a handler, or the test passed
anyway.  This needs no marker to keep in step with the test's code, and
costs one attribute lookup per missing name asked for.

The missing names themselves fail the run: clause SURF-01 has one test per
binding name (``test_surface.py``), which checks :attr:`Binding.missing`
without asking for the name.
"""

from __future__ import annotations

import pytest

from conformance.binding import Binding

#: ``user_properties`` key carrying the missing names a test asked for
MISSING_KEY = "missing_names"


def header_lines(binding: Binding) -> list[str]:
    """The run header's line about missing names (none for a full binding)."""
    if not binding.missing:
        return []
    return [
        f"partial binding: missing {len(binding.missing)} of the binding names: "
        f"{', '.join(binding.missing)}; tests that need them are not run"
    ]


def start_test(binding: Binding) -> None:
    """A test is about to be set up: nothing asked for yet."""
    binding.forget_used_missing()


def not_run_reason(names: list[str]) -> str:
    return f"not run (missing: {', '.join(names)})"


def mark_not_run(binding: Binding, item: pytest.Item, report: pytest.TestReport) -> bool:
    """Turn the setup or call report of a test that asked for a missing name into a skip.

    Returns whether it did.
    """
    if report.when == "teardown" or not binding.used_missing:
        return False
    names = list(dict.fromkeys(binding.used_missing))
    report.outcome = "skipped"
    if hasattr(report, "wasxfail"):
        del report.wasxfail
    _path, lineno, _ = item.location
    report.longrepr = (str(item.path), (lineno or 0) + 1, f"Skipped: {not_run_reason(names)}")
    report.user_properties.append(("conformance_outcome", "missing"))
    report.user_properties.append((MISSING_KEY, names))
    return True
