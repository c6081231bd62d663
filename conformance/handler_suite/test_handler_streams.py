"""HROBUST, HISOL, HCONC: the handler on generated legal streams, alone and concurrently."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.handler_binding import HandlerFactory
from conformance.handler_suite.conftest import HANDLER_SETTINGS
from conformance.handler_watch import Watch, check, failure, program, quiet_logs
from conformance.streams import Step, Stream, aplay, plan, play, render, streams
from conformance.suite.support import checking


def _code(
    factory: HandlerFactory, impl: Any, manager_name: str, plans: list[list[Step]], how: str
) -> Callable[[], str]:
    is_async = manager_name == "AsyncCallbackManager"
    return lambda: program(
        [render(steps, is_async) for steps in plans],
        is_async,
        factory.spec,
        impl.module.__name__,
        how,
    )


def _interpreter_race(watch: Watch) -> str:
    """A note when the handler's exception is CPython's own thread-safety bug, not the handler's:
    before 3.11.8, ``ast.parse`` in two threads at once (``inspect.signature`` of a builtin,
    which pydantic calls in ``model_construct``) can raise this SystemError (python/cpython#106905,
    fixed by #113476); HCONC-01's short switch interval makes it likely."""
    if sys.version_info[:2] != (3, 11) or sys.version_info >= (3, 11, 8):
        return ""
    for raised in watch.raised:
        if isinstance(raised.error, SystemError) and "AST constructor recursion depth" in str(
            raised.error
        ):
            return (
                f" Python {sys.version.split()[0]} itself raised this (CPython issue 106905, "
                "fixed in 3.11.8): it says nothing about the handler; run the suite on a "
                "newer Python."
            )
    return ""


def _not_from_the_handler(error: BaseException | None) -> str:
    return (
        f"a call of the stream raised {type(error).__name__}: {error}, and no event method of "
        "the handler raised (a flag or property of the handler that raises? or the binding "
        "itself?)"
    )


@pytest.mark.clause("HROBUST-01", "HISOL-01")
@HANDLER_SETTINGS
@given(stream=streams())
def test_handler_survives_every_legal_stream(
    factory: HandlerFactory, impl: Any, manager_name: str, stream: Stream
) -> None:
    handler = factory()
    watch = Watch(handler)
    steps = list(plan(stream, impl, manager_name))
    env = {"impl": impl, "handler": handler}
    error: BaseException | None = None
    try:
        with quiet_logs():
            if manager_name == "AsyncCallbackManager":
                asyncio.run(aplay(steps, env))
            else:
                play(steps, env)
    except Exception as raised:  # a raise_error handler's exception, or worse
        error = raised
    code = _code(factory, impl, manager_name, [steps], "one")
    with checking("HROBUST-01"):
        check(
            not watch.raised,
            lambda: failure(
                "HROBUST-01: an event method of the handler raised on a legal stream.",
                watch,
                code(),
            ),
        )
        check(error is None, lambda: failure(_not_from_the_handler(error), watch, code()))
    changed = watch.changed()
    with checking("HISOL-01"):
        check(
            not changed,
            lambda: failure(
                "HISOL-01: the handler changed objects it received.", watch, code(), changed
            ),
        )


@pytest.mark.clause("HCONC-01")
@HANDLER_SETTINGS
@given(group=st.lists(streams(max_depth=3), min_size=2, max_size=4))
def test_handler_survives_concurrent_runs(
    factory: HandlerFactory, impl: Any, manager_name: str, group: list[Stream]
) -> None:
    handler = factory()
    watch = Watch(handler, isolation=False)
    plans = [list(plan(stream, impl, manager_name)) for stream in group]
    errors: list[BaseException] = []
    if manager_name == "AsyncCallbackManager":
        how = "tasks"

        async def main() -> None:
            envs = [{"impl": impl, "handler": handler} for _ in plans]
            results = await asyncio.gather(
                *(aplay(steps, env) for steps, env in zip(plans, envs, strict=True)),
                return_exceptions=True,
            )
            errors.extend(r for r in results if isinstance(r, BaseException))

        with quiet_logs():
            asyncio.run(main())
    else:
        how = "threads"
        barrier = threading.Barrier(len(plans))

        def worker(steps: list[Step]) -> None:
            barrier.wait()
            try:
                play(steps, {"impl": impl, "handler": handler})
            except Exception as error:
                errors.append(error)

        interval = sys.getswitchinterval()
        sys.setswitchinterval(1e-5)  # switch threads often: runs really interleave
        try:
            logs = quiet_logs()
            logs.__enter__()
            threads = [threading.Thread(target=worker, args=(steps,)) for steps in plans]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            logs.__exit__(None, None, None)
            sys.setswitchinterval(interval)
    code = _code(factory, impl, manager_name, plans, how)
    with checking("HCONC-01"):
        check(
            not watch.raised,
            lambda: failure(
                f"HCONC-01: an event method of the handler raised while {len(plans)} streams "
                f"ran at once ({how})." + _interpreter_race(watch),
                watch,
                code(),
            ),
        )
        check(not errors, lambda: failure(_not_from_the_handler(errors[0]), watch, code()))
