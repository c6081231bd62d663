"""Resolving ``--handler=MODULE:CALLABLE`` to a factory of fresh handlers.

CALLABLE is called with no arguments and must return a callback handler (an
object with the handler flags and event methods of the binding's
``BaseCallbackHandler``).  Every problem is a :class:`HandlerError` with one
sentence; the plugin turns it into a usage error (exit status 4).
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Attributes every handler has (flags and the event methods managers call).
HANDLER_ATTRIBUTES: tuple[str, ...] = (
    "raise_error",
    "run_inline",
    "ignore_llm",
    "ignore_chain",
    "ignore_agent",
    "ignore_retriever",
    "ignore_chat_model",
    "ignore_retry",
    "ignore_custom_event",
    "on_llm_start",
    "on_llm_end",
    "on_chain_start",
    "on_chain_end",
)


class HandlerError(Exception):
    """The handler given with ``--handler`` cannot be used; the message says why."""


class HandlerFactory:
    """A resolved ``--handler``: the factory, its spelling and the handler's class."""

    def __init__(self, spec: str, factory: Callable[[], Any], sample: Any) -> None:
        self.spec = spec
        self.factory = factory
        self.handler_class: type = type(sample)
        self.is_async = _is_async(sample)

    def __call__(self) -> Any:
        return self.factory()

    def describe(self) -> str:
        cls = self.handler_class
        kind = "async" if self.is_async else "sync"
        return f"{self.spec} -> {cls.__module__}.{cls.__qualname__} ({kind} handler)"


def _is_async(handler: Any) -> bool:
    import inspect

    method = getattr(handler, "on_chain_start", None)
    return inspect.iscoroutinefunction(method)


def _origin(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if isinstance(error, SyntaxError) and error.filename:
        return f"{error.filename}:{error.lineno}"
    if not frames:
        return "unknown location"
    return f"{frames[-1].filename}:{frames[-1].lineno}"


def load_handler_factory(spec: str) -> HandlerFactory:
    """Import MODULE, find CALLABLE, call it once and check that it made a handler."""
    module_name, colon, attr = spec.partition(":")
    if not colon or not module_name or not attr:
        raise HandlerError(
            f"--handler={spec}: expected MODULE:CALLABLE (e.g. mypkg.tracing:MyHandler)"
        )
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name is not None and (
            module_name == error.name or module_name.startswith(error.name + ".")
        ):
            raise HandlerError(f"--handler={spec}: no module named {error.name!r}") from None
        raise HandlerError(
            f"--handler={spec}: importing {module_name!r} raised "
            f"{type(error).__name__}: {error} (at {_origin(error)})"
        ) from None
    except BaseException as error:
        raise HandlerError(
            f"--handler={spec}: importing {module_name!r} raised "
            f"{type(error).__name__}: {error} (at {_origin(error)})"
        ) from None
    factory: Any = module
    for part in attr.split("."):
        if not hasattr(factory, part):
            where = getattr(module, "__file__", None) or module_name
            raise HandlerError(
                f"--handler={spec}: module {module_name!r} ({where}) has no {attr!r}"
            )
        factory = getattr(factory, part)
    if not callable(factory):
        raise HandlerError(f"--handler={spec}: {attr!r} is not callable")
    try:
        sample = factory()
    except BaseException as error:
        raise HandlerError(
            f"--handler={spec}: calling {attr}() raised "
            f"{type(error).__name__}: {error} (at {_origin(error)})"
        ) from None
    missing = [name for name in HANDLER_ATTRIBUTES if not hasattr(sample, name)]
    if missing:
        raise HandlerError(
            f"--handler={spec}: {attr}() returned {type(sample).__name__!r}, not a callback "
            f"handler (no {', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})"
        )
    return HandlerFactory(spec, factory, sample)


HANDLER_SUITE_DIR = Path(__file__).parent / "handler_suite"


def add_option(group: Any) -> None:
    """Register ``--handler`` in the plugin's option group."""
    group.addoption(
        "--handler",
        metavar="MODULE:CALLABLE",
        default=None,
        help="run the handler conformance suite on the handlers CALLABLE() returns "
        "(driven by the managers of --impl, default reference)",
    )


def configure(config: Any, spec: str, key: Any) -> None:
    """Resolve ``--handler`` and make the handler suite what pytest collects.

    With ``--handler`` only the handler suite runs; ``--impl`` picks the
    managers and data types that drive the handler.
    """
    import pytest

    try:
        config.stash[key] = load_handler_factory(spec)
    except HandlerError as error:
        raise pytest.UsageError(str(error)) from None
    explicit = config.args_source == pytest.Config.ArgsSource.ARGS
    if not explicit:
        config.args[:] = [str(HANDLER_SUITE_DIR)]
    elif not any(_inside(arg, config.invocation_params.dir) for arg in config.args):
        config.args.append(str(HANDLER_SUITE_DIR))


def _inside(arg: str, cwd: Path) -> bool:
    path = (cwd / Path(arg.split("::")[0])).resolve()
    suite = HANDLER_SUITE_DIR.resolve()
    return path == suite or suite in path.parents


def handler_sections(
    item: Any, factory: HandlerFactory, impl_name: str, replay: str | None = None
) -> list[tuple[str, str]]:
    """The report section of a failing handler test: the command that reruns it, with the
    interpreter and PYTHONPATH of this run, and the replay of its failing example."""
    import os
    import shlex
    import sys

    test_id = f"{item.path}::{item.nodeid.split('::', 1)[1]}"
    command = shlex.join(
        [
            sys.executable,
            "-m",
            "pytest",
            f"--handler={factory.spec}",
            f"--impl={impl_name}",
            test_id,
        ]
    )
    path = os.environ.get("PYTHONPATH")
    if path:
        command = f"PYTHONPATH={shlex.quote(path)} {command}"
    seed = item.config.getoption("hypothesis_seed", None)
    profile = item.config.getoption("hypothesis_profile", None)
    lines = ["Run this test alone against the same handler:", f"  {command}"]
    extra = [f"--hypothesis-profile={profile}"] if profile else []
    if seed is not None:
        extra.append(f"--hypothesis-seed={seed}")
    if replay is not None:
        lines.append("Replay exactly the failing example (same handler, same hypothesis):")
        lines.append(f"  {command} {shlex.quote('--conformance-replay=' + replay)}")
    elif extra and hasattr(getattr(item, "obj", None), "hypothesis"):
        lines.append(f"  (property tests: add {' '.join(extra)} for the same examples)")
    return [("conformance: reproduce", "\n".join(lines))]
