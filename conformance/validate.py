"""``python -m conformance validate FILE``: check a JSON Lines log of callback events.

Every line of ``FILE`` (``-`` for standard input) must hold one event payload
(a JSON object, see ``schemas/README.md``), and each is checked against the
schema of the event it names.  Each problem is printed on one line of
standard output::

    line 7: on_chain_end: /run_id: required member is missing

then a summary, ``N events, M invalid``, where N counts the lines read and
M those with at least one problem.  A line that is not JSON, is blank, is
not UTF-8, or is longer than ``--max-line-bytes`` is one problem of its own
(``line 3: not JSON: ...``); a pointer of ``(root)`` means the whole payload.

Exit status: 0 when there was at least one event and every event is valid;
1 when some event is invalid or the input holds no event at all; 2 when the
input cannot be read (a missing file, a directory, no permission), with one
line on standard error saying so.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any, NamedTuple

import orjson

from conformance.encoding import EVENT_NAMES
from conformance.lifecycle import LifecycleChecker
from conformance.schemas import check_payload, fast_validator

__all__ = ["DEFAULT_MAX_LINE_BYTES", "Summary", "validate_file", "validate_stream"]

#: Lines longer than this (in bytes, without the line break) are not parsed.
DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024


class Summary(NamedTuple):
    """What one validation run found."""

    events: int  # lines read
    invalid: int  # lines with at least one problem
    warnings: int = 0  # lifecycle warnings (SHOULD rules), which do not make a line invalid
    unended: int = 0  # runs still open at the end of the log (lifecycle)

    @property
    def exit_code(self) -> int:
        return 0 if self.events and not self.invalid and not self.unended else 1

    def line(self) -> str:
        text = f"{self.events} events, {self.invalid} invalid"
        if self.unended:
            text += f", {self.unended} run{'s' if self.unended > 1 else ''} never ended"
        if self.warnings:
            text += f", {self.warnings} warning{'s' if self.warnings > 1 else ''}"
        return text


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON value")


#: One decoder for every line (``json.loads`` with options builds a new one per call).
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


_CHUNK = 1 << 20  # bytes read at a time


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(number, line, size)`` for each line; ``line`` is None when it exceeds ``limit``.

    The input is read in chunks and split in C; a line longer than ``limit``
    is counted and dropped as it streams by, so memory stays bounded by
    ``limit`` plus one chunk whatever the input.  ``size`` and ``limit``
    count the line without its ``\\n`` or ``\\r\\n``.
    """
    number = 0
    partial = b""  # the start of a line whose end is in a later chunk
    skipped = -1  # >= 0: bytes of an over-long line dropped so far
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        pieces = chunk.split(b"\n")
        tail = pieces.pop()  # no newline after it (yet)
        for piece in pieces:
            number += 1
            if skipped >= 0:
                size = skipped + len(piece) - piece.endswith(b"\r")
                skipped = -1
                yield number, None, size
                continue
            if partial:
                piece, partial = partial + piece, b""
            if piece.endswith(b"\r"):
                piece = piece[:-1]
            size = len(piece)
            yield (number, piece, size) if size <= limit else (number, None, size)
        if skipped >= 0:
            skipped += len(tail)
        elif tail:
            partial += tail
            if len(partial) > limit + 1:  # + 1: room for a "\r" before the newline
                skipped, partial = len(partial), b""
    if skipped >= 0:
        yield number + 1, None, skipped
    elif partial:
        size = len(partial)
        yield (number + 1, partial, size) if size <= limit else (number + 1, None, size)


def _utf16(first: bytes) -> str | None:
    """How line 1 shows the input is UTF-16, or None."""
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 (it starts with a UTF-16 byte order mark)"
    head = first[:4]
    if len(head) == 4 and (
        (head[1] == head[3] == 0 and head[0] and head[2])
        or (head[0] == head[2] == 0 and head[1] and head[3])
    ):
        return "UTF-16 (every other byte is zero)"
    return None


def validate_stream(
    stream: IO[bytes],
    out: IO[str],
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    lifecycle: bool = True,
    window: bool = False,
) -> Summary:
    """Check every line of ``stream``; write one line per problem to ``out``; return the counts.

    With ``lifecycle`` (the default) the run lifecycle is checked too (see
    :mod:`conformance.lifecycle`; ``window``: the log is a window of a
    longer stream).  The summary line is not written here (see
    :func:`validate_file`).
    """
    events = invalid = warnings = 0
    write = out.write
    loads = orjson.loads
    JSONDecodeError = orjson.JSONDecodeError
    validators: dict[Any, Callable[[Any], bool]] = {
        event: fast_validator(event).is_valid for event in EVENT_NAMES
    }
    is_valid = validators.get
    checker = LifecycleChecker(window=window) if lifecycle else None
    feed = checker.feed if checker is not None else None
    first_line: bytes | None = None  # line 1, when it is not JSON (for the hint)
    for number, raw, size in _lines(stream, max_line_bytes):
        events += 1
        rejected = False  # the fast engine said invalid: no need to ask it again
        # The common case, in as few steps as possible: a line orjson parses
        # into an object whose event's schema accepts it.
        if raw is not None:
            try:
                payload = loads(raw)
            except JSONDecodeError:
                payload = _NOT_PARSED
            if type(payload) is dict:
                check = is_valid(payload.get("event"))
                try:
                    valid = check is not None and check(payload)
                    rejected = check is not None and not valid
                except UnicodeEncodeError:  # a lone surrogate: check_payload copes
                    valid = rejected = False
                if valid:
                    if feed is not None:
                        found = feed(number, payload)
                        if found:
                            bad = False
                            for problem in found:
                                write(f"{problem}\n")
                                warnings += problem.warning
                                bad = bad or not problem.warning
                            invalid += bad
                    continue
        # Everything else: say exactly what is wrong with the line.
        problem_text = None
        if raw is None:
            problem_text = (
                f"line too long: {size} bytes, more than the limit of {max_line_bytes} "
                "(--max-line-bytes); not checked"
            )
        elif not raw.strip():
            problem_text = "blank line (each line must hold one event)"
        else:
            if payload is _NOT_PARSED:
                if number == 1 and (encoding := _utf16(raw)) is not None:
                    raise EncodingProblem(encoding)
                payload, problem_text = _slow_parse(raw, number)
                if problem_text is not None and number == 1:
                    first_line = raw
            if problem_text is None:
                try:
                    problems = check_payload(payload, known_invalid=rejected)
                except RecursionError:
                    problem_text = "payload nested too deeply to check"
                else:
                    bad = bool(problems)
                    for event, pointer, message in problems:
                        write(f"line {number}: {event}: {pointer or '(root)'}: {message}\n")
                    if feed is not None:
                        for issue in feed(number, payload):
                            write(f"{issue}\n")
                            warnings += issue.warning
                            bad = bad or not issue.warning
                    invalid += bad
                    continue
        invalid += 1
        write(f"line {number}: {problem_text}\n")
    unended = 0
    if checker is not None:
        # Runs still open, reported after the last line (at their start line).
        for issue in checker.finish():
            write(f"{issue}\n")
            unended += 1
    if first_line is not None and first_line.strip() in (b"{", b"[") and invalid:
        write(
            "hint: line 1 is only a bracket: this looks like pretty-printed JSON, but the "
            "validator reads JSON Lines, one whole event per line (jq -c . FILE converts it)\n"
        )
    return Summary(events, invalid, warnings, unended)


_NOT_PARSED: Any = object()


def _slow_parse(raw: bytes, number: int) -> tuple[Any, str | None]:
    """Parse what orjson refused with the standard library: it takes what JSON allows
    and orjson does not (integers beyond 64 bits, lone surrogate escapes), and its
    messages say where a line stops being JSON."""
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 text (byte {error.start + 1} of the line)"
    try:
        return _DECODER.decode(text), None
    except RecursionError:
        return None, "not JSON: nested too deeply"
    except ValueError as error:
        reason = getattr(error, "msg", None) or str(error)
        column = getattr(error, "colno", None)
        where = f" at column {column}" if column is not None else ""
        return None, f"not JSON: {reason}{where}"


class EncodingProblem(Exception):
    """The input is not UTF-8 as a whole (a UTF-16 file): it cannot be read as a log."""


def validate_file(
    path: str,
    out: IO[str],
    err: IO[str],
    *,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    lifecycle: bool = True,
    window: bool = False,
) -> int:
    """Validate the file at ``path`` (``-``: stdin), report to ``out``; return the exit status.

    A closed output (``| head``) is not a problem of the input: ``BrokenPipeError``
    propagates to the caller, which stops quietly.
    """
    options: dict[str, Any] = {
        "max_line_bytes": max_line_bytes,
        "lifecycle": lifecycle,
        "window": window,
    }
    try:
        if path == "-":
            summary = validate_stream(sys.stdin.buffer, out, **options)
        else:
            with open(path, "rb") as stream:
                summary = validate_stream(stream, out, **options)
    except BrokenPipeError:
        raise
    except EncodingProblem as problem:
        err.write(
            f"error: {path}: the file is {problem}, not UTF-8; the validator reads UTF-8 "
            "JSON Lines (convert it first, for example: iconv -f UTF-16 -t UTF-8)\n"
        )
        return 2
    except FileNotFoundError:
        err.write(f"error: {path}: no such file\n")
        return 2
    except IsADirectoryError:
        err.write(f"error: {path}: is a directory, not a file\n")
        return 2
    except PermissionError:
        err.write(f"error: {path}: permission denied\n")
        return 2
    except OSError as error:
        err.write(f"error: {path}: cannot be read ({error.strerror or error})\n")
        return 2
    if summary.events == 0:
        name = "standard input" if path == "-" else path
        out.write(f"{name}: empty: no events to validate\n")
    out.write(summary.line() + "\n")
    return summary.exit_code
