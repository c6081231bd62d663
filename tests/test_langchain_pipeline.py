"""A real langchain-core pipeline, recorded with EventRecorder and validated as a user would.

The pipeline has a chat model streaming tokens and reporting token usage, a
text-completion model, a retriever, a tool, an agent step reporting text,
an action and a finish, a step retried with ``with_retry``, a call retried
with tenacity that reports ``on_retry``, a custom event, and steps that
fail (a chain step, a tool, a retriever, a chat model mid-stream).  It runs
once with ``invoke`` and once with ``ainvoke``; every one of the nineteen
documented events is delivered, every recorded payload validates, and the
log passes ``python -m conformance validate`` in a fresh interpreter.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import langchain_core.callbacks as lc_callbacks
import pytest
import tenacity
from langchain_core.agents import AgentAction, AgentFinish
from langchain_core.callbacks import (
    AsyncCallbackManagerForChainRun,
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForChainRun,
    CallbackManagerForLLMRun,
    CallbackManagerForRetrieverRun,
    adispatch_custom_event,
    dispatch_custom_event,
)
from langchain_core.documents import Document
from langchain_core.language_models.fake import FakeListLLM
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda, RunnableParallel
from langchain_core.tools import ToolException, tool

from conformance.encoding import EVENT_NAMES
from conformance.recorder import EventRecorder
from conformance.schemas import check_payload

USAGE = {
    "input_tokens": 11,
    "output_tokens": 4,
    "total_tokens": 15,
    "input_token_details": {"cache_read": 2},
}


class UsageReportingChatModel(GenericFakeChatModel):
    """langchain-core's generic fake chat model, plus a last chunk that reports token usage."""

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)
        usage = AIMessageChunk(
            content="", usage_metadata=USAGE, response_metadata={"model_name": "fake-chat"}
        )
        chunk = ChatGenerationChunk(message=usage)
        if run_manager is not None:
            run_manager.on_llm_new_token("", chunk=chunk)
        yield chunk


class FailingChatModel(GenericFakeChatModel):
    """Streams one token, then fails."""

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        chunk = ChatGenerationChunk(message=AIMessageChunk(content="Par"))
        if run_manager is not None:
            run_manager.on_llm_new_token("Par", chunk=chunk)
        yield chunk
        raise ConnectionError("the model went away")


class Atlas(BaseRetriever):
    """Finds one document about the query; or fails, when told to."""

    broken: bool = False

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        if self.broken:
            raise LookupError("the atlas is offline")
        return [Document(page_content=f"{query}: Paris", metadata={"page": 12}, id="doc-1")]

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun
    ) -> list[Document]:
        return self._get_relevant_documents(query, run_manager=run_manager.get_sync())


@tool
def lookup(city: str) -> str:
    """Look a city up."""
    return f"{city}: 2.1 million inhabitants"


@tool
def broken_lookup(city: str) -> str:
    """A lookup that always fails."""
    raise ToolException(f"no data about {city}")


def _messages(question: str) -> list[BaseMessage]:
    return [SystemMessage("Answer briefly."), HumanMessage(question)]


def _question(question: str, config: RunnableConfig) -> str:
    dispatch_custom_event("progress", {"stage": "start", "question": question}, config=config)
    return question


async def _aquestion(question: str, config: RunnableConfig) -> str:
    await adispatch_custom_event(
        "progress", {"stage": "start", "question": question}, config=config
    )
    return question


def _agent(question: str, run_manager: CallbackManagerForChainRun) -> dict[str, Any]:
    run_manager.on_text("Thinking about the question.", verbose=True)
    action = AgentAction(tool="lookup", tool_input={"city": "Paris"}, log="Look Paris up.")
    run_manager.on_agent_action(action)
    observation = lookup.invoke(action.tool_input, config={"callbacks": run_manager.get_child()})
    run_manager.on_agent_finish(AgentFinish(return_values={"output": observation}, log="Done."))
    return {"observation": observation}


async def _aagent(question: str, run_manager: AsyncCallbackManagerForChainRun) -> dict[str, Any]:
    await run_manager.on_text("Thinking about the question.", verbose=True)
    action = AgentAction(tool="lookup", tool_input={"city": "Paris"}, log="Look Paris up.")
    await run_manager.on_agent_action(action)
    observation = await lookup.ainvoke(
        action.tool_input, config={"callbacks": run_manager.get_child()}
    )
    await run_manager.on_agent_finish(
        AgentFinish(return_values={"output": observation}, log="Done.")
    )
    return {"observation": observation}


class Flaky:
    """Fails the first call, then succeeds (one instance per pipeline run)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls == 1:
            raise TimeoutError("slow upstream")
        return "fresh data"


def _fetch(question: str, run_manager: CallbackManagerForChainRun) -> str:
    # A call retried with tenacity, which reports each retry to the run.
    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(3),
        wait=tenacity.wait_none(),
        before_sleep=run_manager.on_retry,
        reraise=True,
    )
    result: str = retrying(Flaky())
    return result


async def _afetch(question: str, run_manager: AsyncCallbackManagerForChainRun) -> str:
    async def report(state: tenacity.RetryCallState) -> None:
        await run_manager.on_retry(state)

    flaky = Flaky()

    async def call() -> str:
        return flaky()

    retrying = tenacity.AsyncRetrying(
        stop=tenacity.stop_after_attempt(3),
        wait=tenacity.wait_none(),
        before_sleep=report,
        reraise=True,
    )
    result: str = await retrying(call)
    return result


def pipeline(is_async: bool) -> Runnable[str, Any]:
    """question -> (chat answer, completion, documents, agent step, retried steps)."""
    flaky = Flaky()

    def unstable(question: str) -> str:
        return f"{question} / {flaky()}"

    chat = UsageReportingChatModel(messages=iter(["Paris is the capital."] * 5))
    question = RunnableLambda(_question, afunc=_aquestion, name="question")
    branches = RunnableParallel(
        answer=RunnableLambda(_messages) | chat.bind(stream=True),
        completion=FakeListLLM(responses=["Paris."]),
        documents=Atlas(),
        agent=RunnableLambda(_aagent if is_async else _agent, name="agent"),
        fetched=RunnableLambda(_afetch if is_async else _fetch, name="fetch"),
        retried=RunnableLambda(unstable, name="unstable").with_retry(
            stop_after_attempt=2,
            wait_exponential_jitter=False,
            retry_if_exception_type=(TimeoutError,),
        ),
    )
    return question | branches | RunnableLambda(lambda parts: parts["answer"].content)


def failing_steps() -> list[tuple[Runnable[Any, Any], type[BaseException]]]:
    """Runnables that fail, with the exception each raises."""

    def explode(question: str) -> str:
        raise ValueError(f"cannot answer {question!r}")

    failing_model = FailingChatModel(messages=iter(["unused"]))
    return [
        (RunnableLambda(_question) | RunnableLambda(explode), ValueError),
        (broken_lookup, ToolException),
        (Atlas(broken=True), LookupError),
        (RunnableLambda(_messages) | failing_model.bind(stream=True), ConnectionError),
    ]


def record(is_async: bool, recorder: EventRecorder) -> Any:
    config: RunnableConfig = {
        "callbacks": [recorder],
        "tags": ["integration"],
        "metadata": {"mode": "async" if is_async else "sync"},
    }
    question = "What is the capital of France?"

    async def run_async() -> Any:
        answer = await pipeline(True).ainvoke(question, config=config)
        for runnable, error in failing_steps():
            argument = {"city": "Paris"} if runnable is broken_lookup else question
            with pytest.raises(error):
                await runnable.ainvoke(argument, config=config)
        return answer

    if is_async:
        return asyncio.run(run_async())
    answer = pipeline(False).invoke(question, config=config)
    for runnable, error in failing_steps():
        with pytest.raises(error):
            runnable.invoke(
                {"city": "Paris"} if runnable is broken_lookup else question, config=config
            )
    return answer


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["plain", "for_binding"])
def recorder(request: pytest.FixtureRequest) -> EventRecorder:
    if request.param == "plain":
        return EventRecorder()
    return EventRecorder.for_binding(lc_callbacks)


def test_a_real_pipeline_delivers_every_event_and_all_validate(
    mode: str, recorder: EventRecorder, tmp_path: Path
) -> None:
    answer = record(mode == "async", recorder)
    assert answer == "Paris is the capital."
    events = recorder.events

    assert {e["event"] for e in events} == set(EVENT_NAMES)
    problems = [f"{p.event}: {p.pointer}: {p.message}" for e in events for p in check_payload(e)]
    assert problems == []

    # What langchain-core delivered, as the payloads show it.
    tokens = [e for e in events if e["event"] == "on_llm_new_token"]
    streamed = "".join(e["token"] for e in tokens)
    assert "Paris is the capital." in streamed
    assert any(e["chunk"]["message"]["data"]["usage_metadata"] == USAGE for e in tokens)
    ends = [e for e in events if e["event"] == "on_llm_end"]
    chat_end = next(e for e in ends if e["response"]["generations"][0][0]["type"] != "Generation")
    assert chat_end["response"]["generations"][0][0]["message"]["data"]["usage_metadata"] == USAGE
    [retry] = [e for e in events if e["event"] == "on_retry"]
    assert retry["retry_state"]["attempt_number"] == 1
    assert retry["retry_state"]["outcome"]["error"]["type"] == "TimeoutError"
    assert retry["retry_state"]["fn"].endswith(("Flaky", "call"))
    assert any("retry:attempt:2" in (e.get("tags") or []) for e in events), "with_retry retried"
    [custom, _] = [e for e in events if e["event"] == "on_custom_event"]
    assert custom["name"] == "progress"
    assert custom["data"]["stage"] == "start"
    [llm_error] = [e for e in events if e["event"] == "on_llm_error"]
    assert llm_error["error"]["type"] == "ConnectionError"
    assert "response" in llm_error["kwargs"]
    assert {e["error"]["type"] for e in events if e["event"] == "on_chain_error"} >= {
        "ValueError",
        "TimeoutError",
    }

    # ... and the user's view: dump, then validate in a fresh interpreter.
    log = tmp_path / f"{mode}.jsonl"
    recorder.dump(log)
    result = subprocess.run(
        [sys.executable, "-m", "conformance", "validate", str(log)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{len(events)} events, 0 invalid\n"


def test_a_tampered_log_of_the_same_run_is_rejected(tmp_path: Path) -> None:
    recorder = EventRecorder()
    record(False, recorder)
    log = tmp_path / "tampered.jsonl"
    recorder.dump(log)
    lines = log.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace('"run_id":"', '"run_id":"X', 1)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "conformance", "validate", str(log)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    first, *_, summary = result.stdout.splitlines()
    assert first.startswith("line 1: ")
    assert "/run_id: " in first
    # The root run now starts under one id and ends under another: the lifecycle
    # check sees an end without a start and a run that never ends.
    assert "ends a run that never started" in result.stdout
    assert "never ended" in result.stdout
    assert summary == f"{len(lines)} events, 2 invalid, 1 run never ended"


def _validate(events: list[dict[str, Any]]) -> str:
    from conformance.encoding import to_json_line
    from conformance.validate import validate_stream

    out = io.StringIO()
    data = "".join(to_json_line(e) + "\n" for e in events).encode()
    summary = validate_stream(io.BytesIO(data), out)
    return out.getvalue() + summary.line()


@pytest.mark.parametrize("shape", ["abatch", "parallel", "astream", "inner-step-only"])
def test_concurrent_and_partial_real_logs_pass_the_lifecycle_checks(shape: str) -> None:
    # Runs of langchain-core interleave in these logs; every run still starts once,
    # ends once, and its tokens come while it is open.
    recorder = EventRecorder()
    chat = UsageReportingChatModel(messages=iter(["Paris is the capital."] * 20))
    step = RunnableLambda(_messages) | chat.bind(stream=True)
    question = "What is the capital of France?"

    async def run() -> None:
        config: RunnableConfig = {"callbacks": [recorder]}
        if shape == "abatch":
            await step.abatch([question] * 6, config={**config, "max_concurrency": 3})
        elif shape == "parallel":
            await RunnableParallel(a=step, b=step, c=Atlas()).ainvoke(question, config=config)
        elif shape == "astream":
            async for _ in (RunnableLambda(_aquestion) | step).astream(question, config=config):
                pass
        else:  # the handler is given to an inner step only: its parents are not in the log
            inner = RunnableLambda(_messages) | chat.bind(stream=True).with_config(config)
            await (RunnableLambda(_aquestion) | inner).ainvoke(question)

    asyncio.run(run())
    events = recorder.events
    assert events
    if shape == "inner-step-only":
        starts = {e["run_id"] for e in events}
        assert any(e.get("parent_run_id") not in (None, *starts) for e in events)
    assert _validate(events) == f"{len(events)} events, 0 invalid"
