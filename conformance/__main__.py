"""Command line of the kit: ``python -m conformance validate FILE`` and ``table REPORT...``.

``validate`` checks a JSON Lines log of callback events against the event
payload schemas (see :mod:`conformance.validate` for the output and the exit
status).  Usage errors exit with status 2, as argparse does.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from conformance.table import ReportError, load_run, render
from conformance.tree import draw_tree
from conformance.validate import DEFAULT_MAX_LINE_BYTES, validate_file


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m conformance",
        description="Tools of the LangChain callbacks conformance kit.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check a JSON Lines log of callback events against the payload schemas",
        description=(
            "Check every line of FILE (JSON Lines, one event payload per line; '-' reads "
            "standard input) against the schema of its event. Prints one line per problem "
            "and a summary; exits 0 when all events are valid, 1 otherwise, 2 when FILE "
            "cannot be read."
        ),
    )
    validate.add_argument("file", metavar="FILE", help="the log to check, or - for stdin")
    validate.add_argument(
        "--max-line-bytes",
        type=_positive,
        default=DEFAULT_MAX_LINE_BYTES,
        metavar="N",
        help=f"longest line parsed, in bytes (default {DEFAULT_MAX_LINE_BYTES})",
    )
    tree = commands.add_parser(
        "tree",
        help="draw the runs of a JSON Lines event log as a tree",
        description=(
            "Draw the runs of FILE (JSON Lines, '-' for stdin) as a tree: kind, name, status, "
            "tokens and tags of each run, lifecycle problems marked with '!'. Exits 0 when "
            "there is no lifecycle problem, 1 otherwise, 2 when FILE cannot be read."
        ),
    )
    tree.add_argument("file", metavar="FILE", help="the log to draw, or - for stdin")
    tree.add_argument(
        "--width", type=_positive, default=80, metavar="N", help="cut lines at N columns (80)"
    )
    table = commands.add_parser(
        "table",
        help="render several --conformance-report runs side by side (Markdown)",
        description=(
            "Print one Markdown table of the clause results of every REPORT (JSON files "
            "written by --conformance-report): a row per clause, a column per run, and a "
            "footnote with the first failing test and its message for every cell that is "
            "not a pass. Exits 2 when a REPORT cannot be read."
        ),
    )
    table.add_argument("reports", nargs="+", metavar="REPORT", help="a JSON report")
    table.add_argument(
        "--hide-passing",
        action="store_true",
        help="leave out the clauses that pass in every run",
    )
    validate.add_argument(
        "--no-lifecycle",
        dest="lifecycle",
        action="store_false",
        help="check each event against its schema only, not the runs' lifecycle",
    )
    validate.add_argument(
        "--window",
        action="store_true",
        help=(
            "the log is a window of a longer stream: events of runs started before it "
            "and runs still open at its end are not problems"
        ),
    )
    return parser


def _tree(path: str, width: int) -> int:
    try:
        if path == "-":
            problems = draw_tree(sys.stdin.buffer, sys.stdout, width=width)
        else:
            with open(path, "rb") as stream:
                problems = draw_tree(stream, sys.stdout, width=width)
    except BrokenPipeError:
        raise
    except OSError as error:
        sys.stderr.write(f"error: {path}: cannot be read ({error.strerror or error})\n")
        return 2
    return 1 if problems else 0


def _table(paths: Sequence[str], hide_passing: bool = False) -> int:
    try:
        runs = [load_run(Path(p)) for p in paths]
    except ReportError as error:
        sys.stderr.write(f"python -m conformance table: {error}\n")
        return 2
    render(runs, sys.stdout, hide_passing=hide_passing)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "table":
            return _table(args.reports, args.hide_passing)
        if args.command == "tree":
            return _tree(args.file, args.width)
        return validate_file(
            args.file,
            sys.stdout,
            sys.stderr,
            max_line_bytes=args.max_line_bytes,
            lifecycle=args.lifecycle,
            window=args.window,
        )
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep the
        # interpreter's final flush of stdout from failing again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
