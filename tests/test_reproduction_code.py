"""Reproduction steps write values as code against the binding: evaluated with
``impl`` bound to the binding, the code rebuilds an equal value."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from run_pytest import REPO, run_pytest

from conformance.binding import load_binding
from conformance.diagnostics import reproduction
from conformance.suite.support import as_code

IMPLS = ["reference", "langchain_core"]

_text = st.text(max_size=8)
_scalars = st.none() | st.booleans() | st.integers() | _text | st.uuids()
_plain = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


def _values(impl: Any) -> st.SearchStrategy[Any]:
    """Values that events carry: the binding's data types nested in plain containers."""
    usage = st.fixed_dictionaries(
        {"input_tokens": st.integers(0, 99), "output_tokens": st.integers(0, 99)}
    ).map(lambda d: {**d, "total_tokens": d["input_tokens"] + d["output_tokens"]})
    info = st.none() | st.dictionaries(_text, _plain, max_size=2)
    ai = st.builds(
        impl.AIMessage,
        content=_text,
        usage_metadata=st.none() | usage,
        response_metadata=st.dictionaries(_text, _text, max_size=2),
    )
    messages = ai | st.builds(impl.HumanMessage, content=_text)
    generations = st.builds(impl.Generation, text=_text, generation_info=info) | st.builds(
        impl.ChatGeneration, message=ai, generation_info=info
    )
    data = st.one_of(
        messages,
        generations,
        st.builds(
            impl.LLMResult,
            generations=st.lists(st.lists(generations, max_size=2), max_size=2),
            llm_output=st.none() | st.dictionaries(_text, _plain, max_size=2),
        ),
        st.builds(
            impl.Document,
            page_content=_text,
            metadata=st.dictionaries(_text, _plain, max_size=2),
        ),
        st.builds(
            impl.AgentAction,
            tool=_text,
            tool_input=_text | st.dictionaries(_text, _plain),
            log=_text,
        ),
        st.builds(
            impl.AgentFinish, return_values=st.dictionaries(_text, _plain, max_size=2), log=_text
        ),
    )
    return st.recursive(
        data | _plain,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
        max_leaves=6,
    )


@pytest.mark.parametrize("impl_name", IMPLS)
@settings(deadline=None, database=None)  # the first pydantic model built is slow
@given(data=st.data())
def test_code_rebuilds_an_equal_value(impl_name: str, data: st.DataObject) -> None:
    impl = load_binding(impl_name)
    value = data.draw(_values(impl), label="value")
    written = as_code(value, impl)
    rebuilt = eval(written, {"impl": impl, "UUID": uuid.UUID})  # our own output, by construction
    assert rebuilt == value, written


@pytest.mark.parametrize("impl_name", IMPLS)
def test_data_types_are_written_with_the_binding_prefix(impl_name: str) -> None:
    impl = load_binding(impl_name)
    result = impl.LLMResult(generations=[[impl.Generation(text="out")]])
    assert as_code(result, impl) == ("impl.LLMResult(generations=[[impl.Generation(text='out')]])")
    assert as_code(uuid.UUID(int=7), impl) == "UUID('00000000-0000-0000-0000-000000000007')"


def test_steps_that_name_a_uuid_import_it() -> None:
    steps = [f"manager = impl.CallbackManager(parent_run_id=UUID('{uuid.UUID(int=7)}'))"]
    text = reproduction("mine", "/t.py::test", None, None, module="mine", steps=steps)
    assert "  from uuid import UUID\n  import mine as impl\n" in text
    assert "from uuid" not in reproduction(
        "mine", "/t.py::test", None, None, module="mine", steps=["manager.on_text('x')"]
    )


# Failing broken bindings whose printed program must run as printed and show the bug:
# the same program against the reference prints something else.
PRINTED = {
    "chat_fallback_drops_role_prefixes": "CHAT-01",
    "async_token_chunk_dropped": "PAYLOAD-04",
    "handler_errors_logged_at_error_level": "ERROR-01",
}


def _printed_program(output: str) -> str:
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("What the test did"))
    program = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        program.append(line[2:])
    return "\n".join(program) + "\n"


@pytest.mark.parametrize("name", list(PRINTED))
def test_a_printed_program_runs_as_printed_and_shows_the_bug(name: str, tmp_path: Path) -> None:
    result = run_pytest(
        f"--impl=broken.{name}",
        f"--clause={PRINTED[name]}",
        "-x",
        "-q",
        "--hypothesis-profile=ci",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    assert result.returncode == 1, result.stdout[-3000:]
    program = _printed_program(result.stdout)
    compile(program, "printed.py", "exec")  # valid Python, no top-level await
    env = {**os.environ, "PYTHONPATH": str(REPO / "tests")}
    broken = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=120
    )
    correct = subprocess.run(
        [
            sys.executable,
            "-c",
            program.replace(f"import broken.{name} as impl", "import reference as impl"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert correct.returncode == 0, correct.stderr[-2000:]
    # Run ids differ between runs; what the handlers received otherwise must not.
    strip = lambda text: re.sub(r"UUID\('[^']*'\)", "UUID(...)", text)  # noqa: E731
    assert strip(broken.stdout + broken.stderr) != strip(correct.stdout + correct.stderr), program


# --- replaying a failing property example ------------------------------------------

SHARED_LISTS_TEST = (
    "conformance/suite/test_state.py::"
    "test_managers_built_from_shared_lists_keep_their_own_state[CallbackManager]"
)


def test_a_property_failure_prints_a_replay_command_that_reproduces_it(tmp_path: Path) -> None:
    # Hypothesis's own advice (paste @reproduce_failure into the test) would have
    # the user edit the installed kit; the report gives a command instead.
    binding = "--impl=broken.managers_adopt_the_callers_lists"
    first = run_pytest(
        binding, str(REPO / SHARED_LISTS_TEST), cwd=tmp_path, extra_path=REPO / "tests"
    )
    assert first.returncode == 1, first.stdout[-2000:]
    assert "@reproduce_failure" not in first.stdout, first.stdout[-3000:]
    replays = re.findall(r"--conformance-replay=([A-Za-z0-9+/=]+)", first.stdout)
    assert replays, f"no replay command in the report:\n{first.stdout[-3000:]}"
    failure = re.search(r"AssertionError: (manager \d+'s .*)", first.stdout)
    assert failure, first.stdout[-3000:]

    again = run_pytest(
        binding,
        str(REPO / SHARED_LISTS_TEST),
        f"--conformance-replay={replays[0]}",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    assert again.returncode == 1, again.stdout[-2000:]
    assert failure.group(1) in again.stdout, again.stdout[-3000:]

    # The same example against a correct binding: it passes, and says so.
    fixed = run_pytest(
        "--impl=reference",
        str(REPO / SHARED_LISTS_TEST),
        f"--conformance-replay={replays[0]}",
        cwd=tmp_path,
    )
    assert fixed.returncode == 0, fixed.stdout[-2000:]
    assert "the replayed example passes" in fixed.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--conformance-replay=not-a-blob"], "is not an example from a failure report"),
        (
            ["--conformance-replay=AXicY2BgcGRyZHRkgEEwwCnAAABsOgRX"],
            "select exactly that test",
        ),
    ],
    ids=["bad-blob", "whole-suite-selected"],
)
def test_a_bad_replay_gets_one_line_and_exit_4(
    arguments: list[str], message: str, tmp_path: Path
) -> None:
    result = run_pytest("--impl=reference", *arguments, cwd=tmp_path)
    assert result.returncode == 4, result.stdout[-2000:] + result.stderr[-2000:]
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_loop_over_events_reports_the_failing_iteration_alone(tmp_path: Path) -> None:
    # IGNORE-01 loops over every event in one test: the events section and the
    # program must show the event that failed, not the thirty before it.
    result = run_pytest(
        "--impl=broken.ignore_chain_also_silences_tools",
        "--clause=IGNORE-01",
        "-x",
        "-k",
        "CallbackManager-sync-handler-ignore_chain",
        cwd=tmp_path,
        extra_path=REPO / "tests",
    )
    assert result.returncode == 1, result.stdout[-2000:]
    out = result.stdout
    program = out[out.index("What the test did, as a program") :]
    assert program.count("manager = impl.CallbackManager(") == 1, program
    assert "# ignore_chain=True on one handler; the event: on_tool_start" in program, program
    events = out[
        out.index("events the test's handlers received") : out.index("conformance: reproduce")
    ]
    assert "on_chain_start" not in events, events
