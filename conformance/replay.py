"""Replaying one failing property example from the command line.

When a property test fails, hypothesis attaches a note telling the user to
paste ``@reproduce_failure(VERSION, BLOB)`` onto the test function.  The
test functions of this suite live inside the installed kit, where nobody
should edit them, so the note is replaced: the suite's "reproduce" section
gives the command that runs the same test again with
``--conformance-replay=BLOB``, and this module makes that option replay the
example (hypothesis's own ``reproduce_failure`` mechanism, applied to the
one selected test instead of written into its source).
"""

from __future__ import annotations

import re
from typing import Any

import hypothesis

#: hypothesis's note (see hypothesis.core: "You can reproduce this test case ...").
_NOTE = re.compile(
    r"\s*You can reproduce this test case by temporarily adding "
    r"@reproduce_failure\('(?P<version>[^']+)', b'(?P<blob>[A-Za-z0-9+/=]+)'\) "
    r"as a decorator on your test function"
)

#: The attribute hypothesis reads at call time on a @given test (set by @reproduce_failure).
_ATTRIBUTE = "_hypothesis_internal_use_reproduce_failure"


class ReplayError(ValueError):
    """A ``--conformance-replay`` value that is not a hypothesis example blob."""


def check_blob(text: str) -> bytes:
    """The blob as bytes, or :class:`ReplayError` saying why it cannot be one."""
    from hypothesis.core import decode_failure

    blob = text.strip().removeprefix("b'").removesuffix("'").encode("ascii", "replace")
    try:
        decode_failure(blob)
    except Exception as error:  # InvalidArgument, with its own wording
        raise ReplayError(
            f"--conformance-replay: {text!r} is not an example from a failure report "
            f"({error}); copy the value from the 'conformance: reproduce' section"
        ) from None
    return blob


def is_property_test(function: Any) -> bool:
    """Whether ``function`` is a @given test hypothesis can replay an example of."""
    return hasattr(function, "hypothesis") and hasattr(function, _ATTRIBUTE)


def replaying(function: Any, blob: bytes | None) -> None:
    """Make the next call of ``function`` replay ``blob`` (``None``: run normally again)."""
    setattr(function, _ATTRIBUTE, None if blob is None else (hypothesis.__version__, blob))


def take_blob(error: BaseException, replayable: bool) -> str | None:
    """Remove hypothesis's ``@reproduce_failure`` note from ``error`` (and the exceptions
    grouped in it) and return its blob.  A test that cannot be replayed from the command
    line (a stateful test) loses the note too: its printed steps are the reproduction."""
    found: str | None = None
    seen: set[int] = set()

    def visit(exc: BaseException) -> None:
        nonlocal found
        if id(exc) in seen:
            return
        seen.add(id(exc))
        notes = getattr(exc, "__notes__", None)
        if notes:
            kept = []
            for note in notes:
                match = _NOTE.search(note)
                if match is None:
                    kept.append(note)
                    continue
                found = found or match.group("blob")
                rest = _NOTE.sub("", note).rstrip()
                if rest:
                    kept.append(rest)
                if replayable:
                    kept.append(
                        "(replay this example: see --conformance-replay in the "
                        "'conformance: reproduce' section)"
                    )
            setattr(exc, "__notes__", kept)  # noqa: B010  (typeshed lacks it before 3.11)
        for inner in getattr(exc, "exceptions", ()) or ():
            visit(inner)

    visit(error)
    return found
