"""Resolving ``--impl`` to a binding: the fifteen names the suite tests.

A binding is any importable module that exposes :data:`BINDING_NAMES`.  Two
names are built in: ``reference`` (this kit's reference implementation) and
``langchain_core`` (a small module of this kit that gathers the names from
langchain-core's packages).  Problems are reported as :class:`BindingError`
with one sentence saying what is wrong and where; the plugin turns it into a
usage error, so a bad ``--impl`` never shows a traceback from the kit.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import threading
import traceback
from types import ModuleType
from typing import Any

BINDING_NAMES: tuple[str, ...] = (
    "BaseCallbackHandler",
    "AsyncCallbackHandler",
    "BaseCallbackManager",
    "CallbackManager",
    "AsyncCallbackManager",
    "UsageMetadataCallbackHandler",
    "get_usage_metadata_callback",
    "LLMResult",
    "Generation",
    "ChatGeneration",
    "AIMessage",
    "HumanMessage",
    "Document",
    "AgentAction",
    "AgentFinish",
)

BUILTIN: dict[str, str] = {
    "reference": "reference",
    "langchain_core": "conformance.bindings.langchain_core",
}

#: How long importing a binding may take before it is declared hung.
IMPORT_TIMEOUT_S = 60.0


class BindingError(Exception):
    """The requested implementation cannot be used; the message says why."""


class Binding:
    """A resolved implementation: its module, identity, and the binding names as attributes."""

    def __init__(self, name: str, module: ModuleType) -> None:
        self.name = name
        self.module = module
        self.path: str = getattr(module, "__file__", None) or "<no file>"
        self.version: str = _version_of(name, module)
        for attr in BINDING_NAMES:
            setattr(self, attr, getattr(module, attr))
        # Where the behaviour under test lives: the module defining the
        # binding's CallbackManager (a binding is often only re-exports).
        defining = sys.modules.get(getattr(self.CallbackManager, "__module__", ""), None)
        self.implementation_path: str = getattr(defining, "__file__", None) or self.path

    def __getattr__(self, attr: str) -> Any:  # only reached for names not set above
        raise AttributeError(f"binding {self.name!r} has no attribute {attr!r}")

    def describe(self) -> str:
        """One line for report headers: name, version, file (and the implementation's file
        when the binding only re-exports it)."""
        if self.implementation_path == self.path:
            return f"{self.name} {self.version} ({self.path})"
        where = f"{self.path}; CallbackManager from {self.implementation_path}"
        return f"{self.name} {self.version} ({where})"

    def as_dict(self) -> dict[str, str]:
        """Identity for machine-readable reports."""
        return {
            "name": self.name,
            "module": self.module.__name__,
            "version": self.version,
            "file": self.path,
            "implementation_file": self.implementation_path,
        }


def load_binding(name: str, timeout: float = IMPORT_TIMEOUT_S) -> Binding:
    """Import the binding called ``name`` and check that it exposes every binding name."""
    module_name = BUILTIN.get(name, name)
    module = _import_with_timeout(name, module_name, timeout)
    missing = [attr for attr in BINDING_NAMES if not hasattr(module, attr)]
    if missing:
        where = getattr(module, "__file__", None) or module_name
        raise BindingError(
            f"--impl={name}: module {module_name!r} ({where}) does not expose "
            f"{len(missing)} of the {len(BINDING_NAMES)} binding names: {', '.join(missing)}"
        )
    return Binding(name, module)


def _import_with_timeout(name: str, module_name: str, timeout: float) -> ModuleType:
    """Import ``module_name`` in a helper thread so that an import that hangs is reported."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["module"] = importlib.import_module(module_name)
        except BaseException as error:  # reported to the caller, whatever it is
            outcome["error"] = error

    worker = threading.Thread(target=run, name=f"import-{module_name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise BindingError(
            f"--impl={name}: importing {module_name!r} did not finish within {timeout:g} s "
            "(a deadlock or a blocking call at import time?)"
        )
    error = outcome.get("error")
    if (
        isinstance(error, ModuleNotFoundError)
        and error.name is not None
        and (module_name == error.name or module_name.startswith(error.name + "."))
    ):
        hint = "" if name in BUILTIN else f"; built-in names are {', '.join(sorted(BUILTIN))}"
        raise BindingError(f"--impl={name}: no module named {error.name!r}{hint}")
    if error is not None:
        raise BindingError(
            f"--impl={name}: importing {module_name!r} raised "
            f"{type(error).__name__}: {error} (at {_origin(error)})"
        )
    module: ModuleType = outcome["module"]
    return module


def _origin(error: BaseException) -> str:
    """``file:line`` of the innermost frame of ``error``'s traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    if isinstance(error, SyntaxError) and error.filename:
        return f"{error.filename}:{error.lineno}"
    if not frames:
        return "unknown location"
    last = frames[-1]
    return f"{last.filename}:{last.lineno}"


def _version_of(name: str, module: ModuleType) -> str:
    version = getattr(module, "__version__", None)
    if isinstance(version, str):
        return version
    top = module.__name__.split(".")[0]
    if name == "langchain_core":
        top = "langchain_core"
    for dist in importlib.metadata.packages_distributions().get(top, []):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown version"
