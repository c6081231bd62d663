"""Resolving --impl: built-in names, user modules, and one clear line for every bad binding."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conformance.binding import BINDING_NAMES, BindingError, MissingBindingName, load_binding


@pytest.mark.parametrize("name", ["reference", "langchain_core"])
def test_builtin_bindings_expose_every_name(name: str) -> None:
    binding = load_binding(name)
    assert binding.missing == ()
    assert all(getattr(binding, attr) is not None for attr in BINDING_NAMES)
    assert binding.version not in ("", "unknown version")
    assert binding.path.endswith(".py")


def test_a_user_module_re_exporting_the_reference_is_a_binding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "my_port.py").write_text("from reference import *\n__version__ = '9.9'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    binding = load_binding("my_port")
    assert binding.describe().startswith("my_port 9.9 (")


def _module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> None:
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
    monkeypatch.syspath_prepend(str(tmp_path))


def test_unknown_module_is_named_with_the_builtin_names() -> None:
    with pytest.raises(
        BindingError,
        match=r"--impl=no_such_impl: no module named 'no_such_impl'; "
        r"built-in names are langchain_core, reference",
    ):
        load_binding("no_such_impl")


def test_missing_names_make_a_partial_binding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(
        tmp_path, monkeypatch, "half_port", "from reference import CallbackManager, LLMResult\n"
    )
    binding = load_binding("half_port")
    assert set(binding.missing) == set(BINDING_NAMES) - {"CallbackManager", "LLMResult"}
    assert binding.as_dict()["missing"] == list(binding.missing)
    assert binding.CallbackManager is not None
    with pytest.raises(MissingBindingName, match="does not expose 'AIMessage'"):
        _ = binding.AIMessage
    assert not hasattr(binding, "Document")  # an AttributeError, as for any missing attribute
    assert binding.used_missing == ["AIMessage", "Document"]
    binding.forget_used_missing()
    assert binding.used_missing == []


def test_a_module_with_none_of_the_names_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(tmp_path, monkeypatch, "not_a_port", "x = 1\n")
    with pytest.raises(BindingError, match="exposes none of the 15 binding names"):
        load_binding("not_a_port")


def test_import_error_inside_the_binding_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(tmp_path, monkeypatch, "broken_port", "x = 1\nraise RuntimeError('cannot start')\n")
    with pytest.raises(
        BindingError, match=r"raised RuntimeError: cannot start \(at .*broken_port.py:2\)"
    ):
        load_binding("broken_port")


def test_missing_dependency_of_the_binding_is_not_mistaken_for_a_missing_binding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(tmp_path, monkeypatch, "needs_dep", "import some_missing_dependency\n")
    with pytest.raises(BindingError, match=r"importing 'needs_dep' raised ModuleNotFoundError"):
        load_binding("needs_dep")


def test_syntax_error_in_the_binding_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(tmp_path, monkeypatch, "typo_port", "def broken(:\n")
    with pytest.raises(BindingError, match=r"SyntaxError.*typo_port.py:1"):
        load_binding("typo_port")


def test_a_binding_that_hangs_on_import_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _module(tmp_path, monkeypatch, "hanging_port", "import threading\nthreading.Event().wait(30)\n")
    with pytest.raises(BindingError, match=r"did not finish within 0.5 s"):
        load_binding("hanging_port", timeout=0.5)
