"""EventRecorder: records every event as a canonical payload, in delivery order, from any
implementation's managers, sync and async, from many threads at once."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from pathlib import Path
from typing import Any

import langchain_core.callbacks as lc_callbacks
import pytest

import reference
from conformance.binding import load_binding
from conformance.encoding import EVENT_NAMES
from conformance.recorder import EventRecorder
from conformance.schemas import check_payload

RUN = uuid.UUID("1b2f6a3c-8d4e-4f0a-9b1c-2d3e4f5a6b7c")


def test_a_recorder_is_a_complete_handler_on_its_own() -> None:
    recorder = EventRecorder()
    assert recorder.raise_error is False
    assert recorder.run_inline is False
    for flag in (
        "ignore_llm",
        "ignore_chat_model",
        "ignore_chain",
        "ignore_agent",
        "ignore_retriever",
        "ignore_retry",
        "ignore_custom_event",
        "ignore_something_new",
    ):
        assert getattr(recorder, flag) is False, flag
    for event in EVENT_NAMES:
        assert callable(getattr(recorder, event))
    recorder.on_stream_event({"undocumented": True}, run_id=RUN)  # accepted, not recorded
    assert recorder.events == []
    with pytest.raises(AttributeError, match="no attribute 'colour'"):
        _ = recorder.colour


def test_records_calls_in_order_as_payloads() -> None:
    recorder = EventRecorder()
    recorder.on_chain_start({"name": "c"}, {"q": 1}, run_id=RUN, name="Seq")
    recorder.on_text("hello", run_id=RUN)
    recorder.on_chain_end({"a": 2}, run_id=RUN, parent_run_id=None, tags=["t"])
    assert [e["event"] for e in recorder.events] == ["on_chain_start", "on_text", "on_chain_end"]
    assert recorder.events[0] == {
        "event": "on_chain_start",
        "serialized": {"name": "c"},
        "inputs": {"q": 1},
        "run_id": str(RUN),
        "kwargs": {"name": "Seq"},
    }
    assert all(check_payload(e) == [] for e in recorder.events)
    assert repr(recorder) == "<EventRecorder: 3 events>"


def test_values_are_encoded_when_the_event_arrives() -> None:
    recorder = EventRecorder()
    inputs = {"items": [1]}
    recorder.on_chain_start(None, inputs, run_id=RUN)
    inputs["items"].append(2)
    assert recorder.events[0]["inputs"] == {"items": [1]}


def test_events_is_a_snapshot() -> None:
    recorder = EventRecorder()
    snapshot = recorder.events
    recorder.on_text("t", run_id=RUN)
    assert snapshot == []
    assert len(recorder.events) == 1


def test_dump_writes_json_lines(tmp_path: Path) -> None:
    recorder = EventRecorder()
    recorder.on_text("é\nnewline inside", run_id=RUN)
    recorder.on_custom_event("n", {"bytes": b"\x00", "nan": float("nan")}, run_id=RUN)
    path = tmp_path / "events.jsonl"
    recorder.dump(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert text.endswith("\n")
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == recorder.events
    recorder.dump(str(path))  # a str path too; rewrites the file
    assert path.read_text(encoding="utf-8") == text


def test_empty_recorder_dumps_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    EventRecorder().dump(path)
    assert path.read_bytes() == b""


@pytest.mark.parametrize("name", ["reference", "langchain_core"])
def test_for_binding_derives_from_the_bindings_handler_base(name: str) -> None:
    binding = load_binding(name)
    recorder = EventRecorder.for_binding(binding)
    assert isinstance(recorder, EventRecorder)
    assert isinstance(recorder, binding.BaseCallbackHandler)
    assert type(EventRecorder.for_binding(binding)) is type(recorder), "one class per base"
    assert type(EventRecorder.for_binding(binding.module)) is type(recorder)
    assert type(EventRecorder.for_binding(binding.BaseCallbackHandler)) is type(recorder)
    assert recorder.events == []
    assert recorder.ignore_llm is False


@pytest.mark.parametrize("name", ["reference", "langchain_core"])
@pytest.mark.parametrize("manager", ["CallbackManager", "AsyncCallbackManager"])
@pytest.mark.parametrize("derived", [False, True], ids=["plain", "for_binding"])
def test_records_what_managers_deliver(name: str, manager: str, derived: bool) -> None:
    binding = load_binding(name)
    recorder = EventRecorder.for_binding(binding) if derived else EventRecorder()
    callback_manager = getattr(binding, manager)(
        handlers=[recorder], inheritable_handlers=[recorder], tags=["t"]
    )

    async def drive_async() -> None:
        run = await callback_manager.on_chain_start({"name": "c"}, {"q": 1})
        await run.on_text("working")
        [llm] = await run.get_child().on_chat_model_start(
            {"name": "m"}, [[binding.HumanMessage(content="hi")]]
        )
        await llm.on_llm_new_token("to", chunk=None)
        await llm.on_llm_end(
            binding.LLMResult(
                generations=[[binding.ChatGeneration(message=binding.AIMessage(content="to"))]]
            )
        )
        await run.on_chain_end({"a": "to"})

    def drive_sync() -> None:
        run = callback_manager.on_chain_start({"name": "c"}, {"q": 1})
        run.on_text("working")
        [llm] = run.get_child().on_chat_model_start(
            {"name": "m"}, [[binding.HumanMessage(content="hi")]]
        )
        llm.on_llm_new_token("to", chunk=None)
        llm.on_llm_end(
            binding.LLMResult(
                generations=[[binding.ChatGeneration(message=binding.AIMessage(content="to"))]]
            )
        )
        run.on_chain_end({"a": "to"})

    if manager == "AsyncCallbackManager":
        asyncio.run(drive_async())
    else:
        drive_sync()
    events = recorder.events
    assert [e["event"] for e in events] == [
        "on_chain_start",
        "on_text",
        "on_chat_model_start",
        "on_llm_new_token",
        "on_llm_end",
        "on_chain_end",
    ]
    chain_id = events[0]["run_id"]
    assert events[2]["parent_run_id"] == chain_id
    assert events[4]["response"]["generations"][0][0]["message"]["data"]["content"] == "to"
    problems = [p for e in events for p in check_payload(e)]
    assert problems == []


def test_calls_from_many_threads_are_each_recorded_whole_and_in_per_thread_order() -> None:
    recorder = EventRecorder()
    threads, per_thread = 8, 300
    start = threading.Barrier(threads)

    def work(index: int) -> None:
        start.wait()
        for n in range(per_thread):
            recorder.on_text(f"{index}:{n}", run_id=RUN, tags=[str(index)])

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    events = recorder.events
    assert len(events) == threads * per_thread
    for index in range(threads):
        mine = [e["text"] for e in events if e["tags"] == [str(index)]]
        assert mine == [f"{index}:{n}" for n in range(per_thread)]


def test_async_manager_with_sync_recorder_runs_it_off_the_loop_and_keeps_order() -> None:
    # langchain-core's async manager runs a non-inline sync handler in its
    # executor: the recorder is called from worker threads.
    recorder = EventRecorder()
    threads: set[int] = set()
    original = recorder._record

    def spy(event: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        threads.add(threading.get_ident())
        original(event, args, kwargs)

    recorder._record = spy  # type: ignore[method-assign]
    manager = lc_callbacks.AsyncCallbackManager(handlers=[recorder])

    async def drive() -> None:
        for n in range(20):
            run = await manager.on_chain_start(None, {"n": n})
            await run.on_chain_end({"n": n})

    asyncio.run(drive())
    assert threading.get_ident() not in threads
    assert [e["inputs"]["n"] for e in recorder.events if e["event"] == "on_chain_start"] == list(
        range(20)
    )
    assert [e["event"] for e in recorder.events] == ["on_chain_start", "on_chain_end"] * 20


def test_reference_recorder_subclass_keeps_reference_behaviour() -> None:
    recorder = EventRecorder.for_binding(reference)
    manager = reference.CallbackManager(handlers=[recorder])
    manager.on_custom_event("progress", {"step": 1})
    [payload] = recorder.events
    assert payload["event"] == "on_custom_event"
    assert payload["name"] == "progress"
    assert check_payload(payload) == []
