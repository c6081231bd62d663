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
from collections.abc import Iterator
from typing import IO, NamedTuple

from conformance.schemas import check_payload

__all__ = ["DEFAULT_MAX_LINE_BYTES", "Summary", "validate_file", "validate_stream"]

#: Lines longer than this (in bytes, without the line break) are not parsed.
DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024


class Summary(NamedTuple):
    """What one validation run found."""

    events: int  # lines read
    invalid: int  # lines with at least one problem

    @property
    def exit_code(self) -> int:
        return 0 if self.events and not self.invalid else 1

    def line(self) -> str:
        return f"{self.events} events, {self.invalid} invalid"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON value")


#: One decoder for every line (``json.loads`` with options builds a new one per call).
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(number, line, size)`` for each line; ``line`` is None when it exceeds ``limit``.

    An over-long line is skipped in bounded pieces, so memory stays bounded
    by ``limit`` whatever the input.
    """
    number = 0
    while True:
        chunk = stream.readline(limit + 2)  # room for the content, "\r" and "\n"
        if not chunk:
            return
        number += 1
        complete = chunk.endswith(b"\n")
        content = chunk.rstrip(b"\r\n") if complete else chunk
        if len(content) <= limit:
            yield number, content, len(content)
            continue
        size = len(content)
        while not complete:
            more = stream.readline(1 << 20)
            complete = not more or more.endswith(b"\n")
            size += len(more.rstrip(b"\r\n")) if complete else len(more)
        yield number, None, size


def validate_stream(
    stream: IO[bytes], out: IO[str], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
) -> Summary:
    """Check every line of ``stream``; write one line per problem to ``out``; return the counts.

    The summary line is not written here (see :func:`validate_file`).
    """
    events = invalid = 0
    write = out.write
    decode = _DECODER.decode
    for number, raw, size in _lines(stream, max_line_bytes):
        events += 1
        problem = None
        if raw is None:
            problem = (
                f"line too long: {size} bytes, more than the limit of {max_line_bytes} "
                "(--max-line-bytes); not checked"
            )
        elif not raw.strip():
            problem = "blank line (each line must hold one event)"
        else:
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                problem = f"not UTF-8 text (byte {error.start + 1} of the line)"
            else:
                try:
                    payload = decode(text)
                except RecursionError:
                    problem = "not JSON: nested too deeply"
                except ValueError as error:
                    reason = getattr(error, "msg", None) or str(error)
                    column = getattr(error, "colno", None)
                    where = f" at column {column}" if column is not None else ""
                    problem = f"not JSON: {reason}{where}"
                else:
                    try:
                        problems = check_payload(payload)
                    except RecursionError:
                        problem = "payload nested too deeply to check"
                    else:
                        if problems:
                            invalid += 1
                            for event, pointer, message in problems:
                                write(f"line {number}: {event}: {pointer or '(root)'}: {message}\n")
                        continue
        invalid += 1
        write(f"line {number}: {problem}\n")
    return Summary(events, invalid)


def validate_file(
    path: str, out: IO[str], err: IO[str], *, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES
) -> int:
    """Validate the file at ``path`` (``-``: stdin), report to ``out``; return the exit status."""
    try:
        if path == "-":
            summary = validate_stream(sys.stdin.buffer, out, max_line_bytes=max_line_bytes)
        else:
            with open(path, "rb") as stream:
                summary = validate_stream(stream, out, max_line_bytes=max_line_bytes)
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
