"""``python -m conformance tree``: a log's runs drawn as a tree, within 80 columns, with
lifecycle problems marked where they happen; partial logs, many roots, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from conformance.encoding import to_json_line
from conformance.schemas import example
from conformance.tree import draw_tree


def event(name: str, run: str, parent: str | None = None, **extra: Any) -> str:
    payload: dict[str, Any] = json.loads(json.dumps(example(name)))
    payload["run_id"] = run
    if "parent_run_id" in payload:
        payload["parent_run_id"] = parent
    payload.update(extra)
    return to_json_line(payload)


A, B, C, D = (str(uuid.UUID(int=i)) for i in range(1, 5))


def draw(lines: list[str], width: int = 80) -> tuple[list[str], int]:
    out = io.StringIO()
    problems = draw_tree([line.encode() for line in lines], out, width=width)
    return out.getvalue().splitlines(), problems


def test_a_tree_shows_kind_name_status_tokens_and_tags() -> None:
    lines, problems = draw(
        [
            event("on_chain_start", A, kwargs={"name": "Pipeline"}, tags=["qa"]),
            event("on_chat_model_start", B, A, kwargs={"name": "Chat"}, tags=[]),
            event("on_llm_new_token", B, A),
            event("on_llm_new_token", B, A),
            event("on_llm_end", B, A),
            event("on_tool_start", C, A, kwargs={"name": "lookup"}, tags=[]),
            event("on_tool_error", C, A),
            event("on_chain_end", A),
        ]
    )
    assert problems == 0
    error_type = example("on_tool_error")["error"]["type"]
    assert lines == [
        "chain Pipeline  ok  [qa]",
        "├── chat_model Chat  ok  2 tokens",
        f"└── tool lookup  error: {error_type}",
        "3 runs, 1 root, 0 lifecycle problems",
    ]


def test_lifecycle_problems_are_marked_under_their_run() -> None:
    lines, problems = draw(
        [
            event("on_chain_start", A, kwargs={"name": "P"}, tags=[]),
            event("on_chain_end", A),
            event("on_text", A),
            event("on_tool_start", B, kwargs={"name": "t"}, tags=[]),
        ]
    )
    assert problems == 2
    assert any("! line 3: comes after the run ended" in line for line in lines)
    assert any("! never ended" in line for line in lines)


def test_many_roots_and_a_parent_outside_the_log() -> None:
    outer = str(uuid.uuid4())
    lines, _ = draw(
        [
            event("on_tool_start", A, outer, kwargs={"name": "inner"}, tags=[]),
            event("on_tool_end", A, outer),
            event("on_retriever_start", B, kwargs={"name": "docs"}, tags=[]),
            event("on_retriever_end", B),
        ]
    )
    assert lines[0] == f"(parent {outer[:8]}… not in the log)"
    assert lines[1] == "tool inner  ok"
    assert lines[2] == "retriever docs  ok"
    assert lines[-1] == "2 runs, 2 roots, 0 lifecycle problems"


def test_lines_fit_the_width() -> None:
    name = "N" * 200
    lines, _ = draw(
        [
            event("on_chain_start", A, kwargs={"name": name}, tags=["t" * 50]),
            event("on_chain_start", B, A, kwargs={"name": name}, tags=[]),
            event("on_chain_end", B, A),
            event("on_chain_end", A),
        ]
    )
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0].endswith("…")


def test_unreadable_lines_are_counted_and_skipped() -> None:
    lines, _ = draw(["{", "[1]", event("on_chain_start", A, tags=[]), event("on_chain_end", A)])
    assert lines[-1].endswith(", 2 lines skipped")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "conformance", "tree", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    return result


def test_command_exit_status(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(event("on_chain_start", A) + "\n" + event("on_chain_end", A) + "\n")
    assert cli(str(good)).returncode == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(event("on_chain_start", A) + "\n")
    assert cli(str(bad)).returncode == 1


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_command_on_a_file_it_cannot_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "nothing" if kind == "missing" else tmp_path
    result = cli(str(path))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr
