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
import os
import sys
import threading
import traceback
from pathlib import Path
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


class MissingBindingName(AttributeError):
    """A test used a binding name the implementation does not expose.

    Raised by :class:`Binding` attribute access (so ``hasattr`` and
    ``getattr(impl, name, default)`` see a plain missing attribute).  The
    binding also remembers every missing name a test asked for, in
    :attr:`Binding.used_missing`, so a test is known to need the name even
    when the exception was swallowed on the way (by a manager's error
    handling, say): the plugin reports such a test as not run.
    """

    def __init__(self, binding: str, attr: str) -> None:
        super().__init__(f"binding {binding!r} does not expose {attr!r}")
        self.attr = attr


class Binding:
    """A resolved implementation: its module, identity, and the binding names as attributes."""

    def __init__(self, name: str, module: ModuleType) -> None:
        self.name = name
        self.module = module
        self.path: str = getattr(module, "__file__", None) or "<no file>"
        self.version: str = _version_of(name, module)
        #: binding names the module does not expose (a partial binding), in catalogue order
        self.missing: tuple[str, ...] = tuple(a for a in BINDING_NAMES if not hasattr(module, a))
        #: missing names asked for since the last :meth:`forget_used_missing`
        self.used_missing: list[str] = []
        for attr in BINDING_NAMES:
            if attr not in self.missing:
                setattr(self, attr, getattr(module, attr))
        # Where the behaviour under test lives: the module defining the
        # binding's CallbackManager (a binding is often only re-exports).
        manager = getattr(module, "CallbackManager", None)
        defining = sys.modules.get(getattr(manager, "__module__", ""), None)
        self.implementation_path: str = getattr(defining, "__file__", None) or self.path

    def __getattr__(self, attr: str) -> Any:  # only reached for names not set above
        if attr in BINDING_NAMES:
            self.__dict__.setdefault("used_missing", []).append(attr)
            raise MissingBindingName(self.name, attr)
        raise AttributeError(f"binding {self.name!r} has no attribute {attr!r}")

    def forget_used_missing(self) -> None:
        """Start a new test: no missing name asked for yet."""
        self.used_missing.clear()

    def describe(self) -> str:
        """One line for report headers: name, version, file (and the implementation's file
        when the binding only re-exports it)."""
        if self.implementation_path == self.path:
            return f"{self.name} {self.version} ({self.path})"
        where = f"{self.path}; CallbackManager from {self.implementation_path}"
        return f"{self.name} {self.version} ({where})"

    def as_dict(self) -> dict[str, str | list[str]]:
        """Identity for machine-readable reports."""
        return {
            "name": self.name,
            "module": self.module.__name__,
            "version": self.version,
            "file": self.path,
            "implementation_file": self.implementation_path,
            "missing": list(self.missing),
        }


def load_binding(name: str, timeout: float = IMPORT_TIMEOUT_S) -> Binding:
    """Import the binding called ``name``.

    A module exposing some of the binding names is a partial binding: it is
    returned, with the others in :attr:`Binding.missing`.  A module exposing
    none of them is not a binding at all: :class:`BindingError`.
    """
    module_name = _module_name(name)
    module = _import_with_timeout(name, module_name, timeout)
    missing = [attr for attr in BINDING_NAMES if not hasattr(module, attr)]
    if len(missing) == len(BINDING_NAMES):
        where = getattr(module, "__file__", None) or module_name
        raise BindingError(
            f"--impl={name}: module {module_name!r} ({where}) exposes none of the "
            f"{len(BINDING_NAMES)} binding names ({', '.join(BINDING_NAMES[:3])}, ...)"
        )
    return Binding(name, module)


def _module_name(name: str) -> str:
    """The module to import for ``--impl=name``: a built-in name, a dotted module name, or
    a path to a ``.py`` file (whose folder is then put first on ``sys.path``).

    A module in the current directory is found whether pytest was started as
    ``pytest`` or as ``python -m pytest`` (only the latter puts the current
    directory on ``sys.path``): the current directory is searched last.
    """
    if not name.strip():
        raise BindingError(
            "--impl: empty; give a module name (built-in: "
            f"{', '.join(sorted(BUILTIN))}) or a path to a .py file"
        )
    if name in BUILTIN:
        return BUILTIN[name]
    if name.endswith(".py") or "/" in name or os.sep in name:
        path = Path(name).expanduser().resolve()
        if path.suffix != ".py" or not path.is_file():
            raise BindingError(f"--impl={name}: no such Python file ({path})")
        if not path.stem.isidentifier():
            raise BindingError(
                f"--impl={name}: {path.name!r} cannot be imported as a module "
                "(its name must be a Python identifier)"
            )
        sys.path.insert(0, str(path.parent))
        return path.stem
    cwd = os.getcwd()
    if cwd not in sys.path and "" not in sys.path:
        sys.path.append(cwd)
    return name


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
