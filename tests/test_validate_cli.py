"""``python -m conformance validate``: located one-line problems, a summary, exit codes, and
no traceback whatever the input."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.encoding import EVENT_NAMES, to_json_line
from conformance.schemas import example
from conformance.validate import DEFAULT_MAX_LINE_BYTES, validate_stream

PROBLEM = re.compile(r"^line \d+: (\S+: (\(root\)|/\S*): .+|[a-z].+)$")


def cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
    return result


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def valid_lines() -> list[str]:
    return [to_json_line(example(event)) for event in EVENT_NAMES]


def test_valid_log_exits_0_with_a_summary(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "ok.jsonl", valid_lines())
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "19 events, 0 invalid\n"
    assert result.stderr == ""


def test_stdin_is_read_with_a_dash() -> None:
    text = "".join(line + "\n" for line in valid_lines()[:3])
    result = cli("validate", "--no-lifecycle", "-", stdin=text.encode())
    assert result.returncode == 0
    assert result.stdout == "3 events, 0 invalid\n"


def test_invalid_payload_problems_are_located(tmp_path: Path) -> None:
    payload = example("on_chain_end")
    del payload["run_id"]
    payload["tags"] = "not-a-list"
    payload["colour"] = "blue"
    lines = [*valid_lines()[:2], to_json_line(payload)]
    path = write_lines(tmp_path / "bad.jsonl", lines)
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "line 3: on_chain_end: /colour: unknown member (not allowed here; extra keyword "
        "arguments belong under /kwargs)",
        "line 3: on_chain_end: /run_id: required member is missing",
        'line 3: on_chain_end: /tags: expected array or null, got string "not-a-list"',
        "3 events, 1 invalid",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json\n", "line 1: not JSON: Expecting value at column 1"),
        (
            b'{"event": "on_text",\n',
            "line 1: not JSON: Expecting property name enclosed in double quotes at column 21",
        ),
        (b"\n", "line 1: blank line (each line must hold one event)"),
        (b"   \t\n", "line 1: blank line (each line must hold one event)"),
        (
            b'{"event": "on_everything"}\n',
            'line 1: on_everything: /event: unknown event name "on_everything": '
            "not one of the 19 documented handler events",
        ),
        (b'{"text": "t"}\n', "line 1: ?: /event: missing: every payload names its event"),
        (
            b"[1, 2]\n",
            "line 1: ?: (root): expected a JSON object (an event payload), got array of 2",
        ),
        (b'{"event": "on_text", "x": NaN}\n', "line 1: not JSON: NaN is not a JSON value"),
        (b'{"event": "on_text"} {}\n', "line 1: not JSON: Extra data at column 22"),
        (b'{"a": "\xff"}\n', "line 1: not UTF-8 text (byte 8 of the line)"),
        (b"[" * 100_000 + b"\n", "line 1: not JSON: nested too deeply"),
    ],
    ids=[
        "not-json",
        "truncated",
        "blank",
        "whitespace",
        "unknown-event",
        "no-event",
        "not-an-object",
        "nan",
        "two-values",
        "not-utf8",
        "too-deep",
    ],
)
def test_each_kind_of_bad_line_gets_one_clear_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(content)
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected, "1 events, 1 invalid"]


def test_a_very_long_line_is_reported_and_skipped_in_bounded_memory(tmp_path: Path) -> None:
    long_line = b'{"event": "on_text", "text": "' + b"x" * (DEFAULT_MAX_LINE_BYTES + 10) + b'"}'
    path = tmp_path / "long.jsonl"
    path.write_bytes(
        valid_lines()[0].encode() + b"\n" + long_line + b"\n" + valid_lines()[1].encode() + b"\n"
    )
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"line 2: line too long: {len(long_line)} bytes, more than the limit of "
        f"{DEFAULT_MAX_LINE_BYTES} (--max-line-bytes); not checked",
        "3 events, 1 invalid",
    ]


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_line_limit_is_exact_whatever_the_line_ending(ending: bytes) -> None:
    line = to_json_line(example("on_text")).encode()
    for limit, too_long in ((len(line), False), (len(line) - 1, True)):
        out = io.StringIO()
        summary = validate_stream(
            io.BytesIO(line + ending), out, max_line_bytes=limit, lifecycle=False
        )
        assert summary.invalid == int(too_long), (limit, out.getvalue())
        assert summary.events == 1


def test_max_line_bytes_option(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "ok.jsonl", valid_lines()[:2])
    result = cli("validate", "--no-lifecycle", "--max-line-bytes", "50", str(path))
    assert result.returncode == 1
    assert "line too long" in result.stdout.splitlines()[0]
    bad = cli("validate", "--max-line-bytes", "zero", str(path))
    assert bad.returncode == 2
    assert "not a whole number" in bad.stderr


def test_empty_input_is_reported_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}: empty: no events to validate",
        "0 events, 0 invalid",
    ]
    from_stdin = cli("validate", "-", stdin=b"")
    assert from_stdin.stdout.splitlines()[0] == "standard input: empty: no events to validate"


@pytest.mark.parametrize("what", ["missing", "directory"])
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, what: str) -> None:
    path = tmp_path / "nope.jsonl" if what == "missing" else tmp_path
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {path}: ")


def test_usage_errors_exit_2() -> None:
    assert cli().returncode == 2
    assert cli("validate").returncode == 2
    assert cli("frobnicate").returncode == 2


def test_every_problem_line_has_the_documented_shape(tmp_path: Path) -> None:
    bad = example("on_llm_end")
    bad["response"]["generations"] = [[{"type": "Generation"}]]
    lines = [
        to_json_line(bad),
        "",
        "{",
        '{"event": "on_x"}',
        "3",
        to_json_line({**example("on_text"), "run_id": "RUN"}),
    ]
    path = write_lines(tmp_path / "mixed.jsonl", lines)
    result = cli("validate", "--no-lifecycle", str(path))
    *problems, summary = result.stdout.splitlines()
    assert summary == "6 events, 6 invalid"
    for line in problems:
        assert PROBLEM.match(line), line


def test_blank_lines_count_as_events_and_valid_ones_around_them_pass(tmp_path: Path) -> None:
    lines = valid_lines()
    path = write_lines(tmp_path / "gaps.jsonl", [lines[0], "", lines[1]])
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.stdout.splitlines() == [
        "line 2: blank line (each line must hold one event)",
        "3 events, 1 invalid",
    ]


def test_a_final_line_without_newline_and_a_bom_are_accepted() -> None:
    text = "\ufeff" + "\n".join(valid_lines()[:2])
    out = io.StringIO()
    summary = validate_stream(io.BytesIO(text.encode("utf-8")), out, lifecycle=False)
    assert (summary.events, summary.invalid) == (2, 0), out.getvalue()


def test_large_valid_log(tmp_path: Path) -> None:
    lines = valid_lines() * 200
    path = write_lines(tmp_path / "big.jsonl", lines)
    result = cli("validate", "--no-lifecycle", str(path))
    assert result.returncode == 0
    assert result.stdout == f"{len(lines)} events, 0 invalid\n"
    assert json.loads(lines[0])["event"] == EVENT_NAMES[0]


def test_benchmark_script_runs() -> None:
    # Timings are never asserted: only that the script works and checks what it times.
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_validate.py"
    result = subprocess.run(
        [sys.executable, str(script), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| all valid |" in result.stdout
    assert "of the floor" in result.stdout
    # the log it times is valid, lifecycle included
    assert re.search(r"it printed: \d+ events, 0 invalid$", result.stdout.strip()), result.stdout


def test_a_closed_output_is_not_an_unreadable_input(tmp_path: Path) -> None:
    # `python -m conformance validate big.jsonl | head -1`: the reader goes away early.
    bad = to_json_line({**example("on_text"), "run_id": "not-a-uuid"})
    path = write_lines(tmp_path / "many.jsonl", [bad] * 50_000)
    pipeline = subprocess.run(
        f'"{sys.executable}" -m conformance validate --no-lifecycle "{path}" | head -1; '
        'echo "status=${PIPESTATUS[0]}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "cannot be read" not in pipeline.stderr, pipeline.stderr
    assert "Traceback" not in pipeline.stderr, pipeline.stderr
    assert pipeline.stdout.splitlines()[0].startswith("line 1: on_text: /run_id: ")
    assert "status=2" not in pipeline.stdout


def test_pretty_printed_json_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example("on_text"), indent=2) + "\n", encoding="utf-8")
    result = cli("validate", str(path))
    assert result.returncode == 1
    hint = [line for line in result.stdout.splitlines() if line.startswith("hint: ")]
    assert len(hint) == 1
    assert "JSON Lines" in hint[0]
    assert "pretty-printed" in hint[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_as_such(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes("".join(line + "\n" for line in valid_lines()).encode(encoding))
    result = cli("validate", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    [message] = result.stderr.strip().splitlines()
    assert "UTF-16" in message
    assert str(path) in message
