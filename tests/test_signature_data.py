"""The shipped signature data and the checker built on it."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conformance import signatures
from conformance.signatures import check_function, check_member

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "data" / "api_page.txt"


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "extract_signatures.py"
    spec = importlib.util.spec_from_file_location("extract_signatures", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


extract_signatures = _load_script()


def _objects() -> dict[str, Any]:
    objects: dict[str, Any] = signatures.load()["objects"]
    return objects


# ---------------------------------------------------------------- the data


def test_shipped_json_is_what_the_page_gives() -> None:
    page_text = PAGE.read_bytes().decode("utf-8")
    expected = extract_signatures.render(extract_signatures.extract(page_text))
    shipped = (ROOT / "conformance" / "data" / "signatures.json").read_text(encoding="utf-8")
    assert shipped == expected, (
        "conformance/data/signatures.json is out of date with tests/data/api_page.txt; "
        "run scripts/extract_signatures.py"
    )


def test_packaged_copy_loads_and_matches_extraction() -> None:
    page_text = PAGE.read_bytes().decode("utf-8")
    assert signatures.load() == extract_signatures.extract(page_text), (
        "run scripts/extract_signatures.py"
    )


def test_counts() -> None:
    objects = _objects()
    assert list(objects) == [
        "BaseCallbackHandler",
        "AsyncCallbackHandler",
        "BaseCallbackManager",
        "CallbackManager",
        "AsyncCallbackManager",
        "UsageMetadataCallbackHandler",
        "get_usage_metadata_callback",
    ]
    members = sum(len(spec.get("members", {})) for spec in objects.values())
    assert members == 140
    assert extract_signatures.count_members(signatures.load()) == 140
    assert len(list(signatures.iter_members())) == 140 + 1


def test_page_hash() -> None:
    digest = hashlib.sha256(PAGE.read_bytes()).hexdigest()
    assert signatures.load()["page_sha256"] == digest


def test_no_prose_in_the_data() -> None:
    text = (ROOT / "conformance" / "data" / "signatures.json").read_text(encoding="utf-8")
    for sentence in ("Run when", "Whether to", "The ID of"):
        assert sentence not in text


def test_configure_is_a_classmethod_with_seven_parameters() -> None:
    for owner in ("CallbackManager", "AsyncCallbackManager"):
        spec = _objects()[owner]["members"]["configure"]
        assert spec["kind"] == "classmethod"
        assert spec["async"] is False
        assert spec["returns"] == owner
        assert [p["name"] for p in spec["parameters"]] == [
            "inheritable_callbacks",
            "local_callbacks",
            "verbose",
            "inheritable_tags",
            "local_tags",
            "inheritable_metadata",
            "local_metadata",
        ]
        assert {p["kind"] for p in spec["parameters"]} == {"POSITIONAL_OR_KEYWORD"}
        assert spec["parameters"][2]["default"] is False
        assert spec["parameters"][0] == {
            "name": "inheritable_callbacks",
            "kind": "POSITIONAL_OR_KEYWORD",
            "annotation": "Callbacks",
            "default": None,
        }


def test_spot_checks() -> None:
    objects = _objects()
    handler = objects["BaseCallbackHandler"]
    assert handler["kind"] == "class"
    assert handler["bases"][0] == "LLMManagerMixin"
    assert len(handler["bases"]) == 6
    assert handler["members"]["raise_error"] == {
        "kind": "attribute",
        "annotation": "bool",
        "default": False,
    }
    assert handler["members"]["ignore_llm"] == {"kind": "property", "annotation": "bool"}
    assert handler["members"]["on_text"] == {
        "kind": "method",
        "async": False,
        "returns": "Any",
        "parameters": [
            {"name": "text", "kind": "POSITIONAL_OR_KEYWORD", "annotation": "str"},
            {"name": "run_id", "kind": "KEYWORD_ONLY", "annotation": "UUID"},
            {
                "name": "parent_run_id",
                "kind": "KEYWORD_ONLY",
                "annotation": "UUID | None",
                "default": None,
            },
            {"name": "kwargs", "kind": "VAR_KEYWORD", "annotation": "Any"},
        ],
    }
    assert objects["AsyncCallbackHandler"]["members"]["on_llm_start"]["async"] is True
    assert objects["AsyncCallbackHandler"]["bases"] == ["BaseCallbackHandler"]
    assert objects["CallbackManager"]["members"]["on_custom_event"]["async"] is False
    assert objects["BaseCallbackManager"]["members"]["is_async"]["kind"] == "property"
    init = objects["BaseCallbackManager"]["members"]["__init__"]
    assert [p["kind"] for p in init["parameters"]][2:4] == [
        "POSITIONAL_OR_KEYWORD",
        "KEYWORD_ONLY",
    ]
    function = objects["get_usage_metadata_callback"]
    assert function["kind"] == "function"
    assert function["async"] is False
    assert function["returns"] == "Generator[UsageMetadataCallbackHandler, None, None]"
    assert function["parameters"] == [
        {
            "name": "name",
            "kind": "POSITIONAL_OR_KEYWORD",
            "annotation": "str",
            "default": "usage_metadata_callback",
        }
    ]


def test_self_and_cls_are_not_listed() -> None:
    for _, _, spec in signatures.iter_members():
        for param in spec.get("parameters", []):
            assert param["name"] not in {"self", "cls"}


# ----------------------------------------------------------- the extractor

_HEAD = "## ``Thing [¶](https://example.invalid/#Thing)\n\nBases: `Base`\n\n"


def _member(name: str, labels: str, block: str) -> str:
    escaped = name.replace("_", "\\_")
    return f"### ``{escaped}{labels} [¶](https://example.invalid/#{name})\n\n```\n{block}\n```\n\n"


def test_extract_small_page() -> None:
    page = (
        _HEAD
        + _member("flag", "`class-attribute``instance-attribute`", "flag: int = 3")
        + _member("go_now", "`async`", "go_now(a, /, b=1, *rest: int, c: str, **kw) -> None")
    )
    data = extract_signatures.extract(page)
    thing = data["objects"]["Thing"]
    assert thing["bases"] == ["Base"]
    assert thing["members"]["flag"] == {"kind": "attribute", "annotation": "int", "default": 3}
    go_now = thing["members"]["go_now"]
    assert go_now["async"] is True
    assert [(p["name"], p["kind"]) for p in go_now["parameters"]] == [
        ("a", "POSITIONAL_ONLY"),
        ("b", "POSITIONAL_OR_KEYWORD"),
        ("rest", "VAR_POSITIONAL"),
        ("c", "KEYWORD_ONLY"),
        ("kw", "VAR_KEYWORD"),
    ]
    assert "annotation" not in go_now["parameters"][0]


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (_member("broken", "", "broken(a: int = ) -> None"), "'Thing.broken'"),
        (_member("odd", "", "odd(a=object()) -> None"), "'Thing.odd'"),
        (_member("named", "", "other(a) -> None"), "'Thing.named'"),
        (_member("weird", "`staticmethod`", "weird() -> None"), "'Thing.weird'"),
        ("### ``bare [¶](https://example.invalid/#bare)\n\nNo block.\n", "'Thing.bare'"),
    ],
)
def test_extract_fails_loudly_naming_the_heading(member: str, message: str) -> None:
    with pytest.raises(extract_signatures.ExtractError, match=message):
        extract_signatures.extract(_HEAD + member)


def test_script_exit_status_on_bad_page(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(_HEAD + _member("broken", "", "broken(a: = 1) -> None"), encoding="utf-8")
    assert extract_signatures.main([str(page), "-o", str(tmp_path / "out.json")]) == 1
    assert not (tmp_path / "out.json").exists()


# -------------------------------------------------------------- the checker

_NO_DEFAULT = object()


def _param(name: str, kind: str = "POSITIONAL_OR_KEYWORD", default: Any = _NO_DEFAULT) -> Any:
    spec: dict[str, Any] = {"name": name, "kind": kind, "annotation": "Any"}
    if default is not _NO_DEFAULT:
        spec["default"] = default
    return spec


def _method(*params: dict[str, Any], is_async: bool = False, kind: str = "method") -> Any:
    return {"kind": kind, "async": is_async, "returns": "None", "parameters": list(params)}


# Documented: handle(text, *, run_id, parent_run_id=None, **kwargs)
HANDLE = _method(
    _param("text"),
    _param("run_id", "KEYWORD_ONLY"),
    _param("parent_run_id", "KEYWORD_ONLY", None),
    _param("kwargs", "VAR_KEYWORD"),
)


class Conforming:
    flag: bool = False

    @property
    def ready(self) -> bool:
        return True

    def handle(
        self, text: str, *, run_id: int, parent_run_id: int | None = None, **kw: Any
    ) -> None:
        pass

    @classmethod
    def build(cls, size: int = 1) -> None:
        pass


def test_conforming_class_passes() -> None:
    assert check_member(Conforming, "handle", HANDLE) == []
    assert check_member(Conforming, "flag", {"kind": "attribute", "default": False}) == []
    assert check_member(Conforming, "ready", {"kind": "property", "annotation": "bool"}) == []
    build = _method(_param("size", default=1), kind="classmethod")
    assert check_member(Conforming, "build", build) == []


def test_members_are_found_through_the_mro() -> None:
    class Child(Conforming):
        pass

    assert check_member(Child, "handle", HANDLE) == []
    assert check_member(Child, "ready", {"kind": "property", "annotation": "bool"}) == []


def test_real_spec_on_a_hand_written_handler() -> None:
    spec = _objects()["BaseCallbackHandler"]["members"]["on_text"]

    class Handler:
        def on_text(
            self, text: str, *, run_id: object, parent_run_id: object = None, **kwargs: Any
        ) -> None:
            pass

    assert check_member(Handler, "on_text", spec) == []


def test_reports_missing_member() -> None:
    assert check_member(Conforming, "absent", HANDLE) == ["Conforming.absent: missing"]


def test_reports_wrong_parameter_kind() -> None:
    class Positional:
        def handle(
            self, text: str, run_id: int, parent_run_id: int | None = None, **kw: Any
        ) -> None:
            pass

    problems = check_member(Positional, "handle", HANDLE)
    assert problems == [
        "Positional.handle: parameter 'run_id' is positional-or-keyword, documented keyword-only",
        "Positional.handle: parameter 'parent_run_id' is positional-or-keyword, "
        "documented keyword-only",
    ]


def test_reports_wrong_default() -> None:
    class WrongDefault:
        def handle(self, text: str, *, run_id: int, parent_run_id: int = 0, **kw: Any) -> None:
            pass

    problems = check_member(WrongDefault, "handle", HANDLE)
    assert len(problems) == 1
    assert "'parent_run_id' defaults to 0, documented None" in problems[0]


def test_reports_missing_default_and_added_default() -> None:
    class NoDefault:
        def handle(self, text: str, *, run_id: int = 0, parent_run_id: int, **kw: Any) -> None:
            pass

    problems = check_member(NoDefault, "handle", HANDLE)
    assert len(problems) == 2
    assert "'run_id' defaults to 0, documented as required" in problems[0]
    assert "'parent_run_id' has no default, documented default None" in problems[1]


def test_reports_sync_versus_async() -> None:
    class Async:
        async def handle(
            self, text: str, *, run_id: int, parent_run_id: int | None = None, **kw: Any
        ) -> None:
            pass

    assert check_member(Async, "handle", HANDLE) == [
        "Async.handle: documented synchronous, found async"
    ]
    async_spec = {**HANDLE, "async": True}
    assert check_member(Async, "handle", async_spec) == []
    assert check_member(Conforming, "handle", async_spec) == [
        "Conforming.handle: documented async, found synchronous"
    ]


def test_reports_property_versus_plain_attribute() -> None:
    class Plain:
        ready = True
        flag = property(lambda self: False)

    assert check_member(Plain, "ready", {"kind": "property", "annotation": "bool"}) == [
        "Plain.ready: documented as a property, found a bool value"
    ]
    assert check_member(Plain, "flag", {"kind": "attribute", "default": False}) == [
        "Plain.flag: documented as an attribute, found a property"
    ]


def test_reports_attribute_value() -> None:
    class Zero:
        flag = 0

    assert check_member(Zero, "flag", {"kind": "attribute", "default": False}) == [
        "Zero.flag: class value is 0, documented default False"
    ]


def test_reports_classmethod_versus_method() -> None:
    build = _method(_param("size", default=1), kind="classmethod")

    class Instance:
        def build(self, size: int = 1) -> None:
            pass

    assert check_member(Instance, "build", build) == [
        "Instance.build: documented as a classmethod, found a plain function"
    ]
    assert check_member(Conforming, "build", _method(_param("size", default=1))) == [
        "Conforming.build: documented as a method, found a classmethod"
    ]


def test_reports_reordered_parameters() -> None:
    spec = _method(_param("first"), _param("second"))

    class Swapped:
        def pair(self, second: int, first: int) -> None:
            pass

    assert check_member(Swapped, "pair", spec) == [
        "Swapped.pair: parameters out of order: found second, first; documented first, second"
    ]


def test_reports_extra_required_parameter() -> None:
    class Extra:
        def handle(
            self, text: str, *, run_id: int, strict: bool, parent_run_id: int | None = None
        ) -> None:
            pass

    assert check_member(Extra, "handle", HANDLE) == [
        "Extra.handle: no **kwargs parameter",
        "Extra.handle: undocumented required parameter 'strict'",
    ]


def test_accepts_extra_optional_keyword_only_parameter() -> None:
    class Richer:
        def handle(
            self,
            text: str,
            *,
            run_id: int,
            parent_run_id: int | None = None,
            verbose: bool = False,
            **kwargs: Any,
        ) -> None:
            pass

    assert check_member(Richer, "handle", HANDLE) == []


def test_reports_extra_optional_parameter_in_a_documented_positional_slot() -> None:
    spec = _method(_param("first"), _param("second", default=None))

    class Shifted:
        def pair(self, first: int, extra: int = 0, second: int | None = None) -> None:
            pass

    problems = check_member(Shifted, "pair", spec)
    assert problems == [
        "Shifted.pair: undocumented parameter 'extra' takes positional slot 2, "
        "documented for 'second'"
    ]


def test_function_through_contextmanager_wrapper() -> None:
    spec = _objects()["get_usage_metadata_callback"]

    @contextmanager
    def get_usage_metadata_callback(name: str = "usage_metadata_callback") -> Iterator[None]:
        yield None

    assert check_function(get_usage_metadata_callback, spec) == []
    namespace = ModuleType("fake_callbacks")
    namespace.get_usage_metadata_callback = get_usage_metadata_callback  # type: ignore[attr-defined]
    assert check_member(namespace, "get_usage_metadata_callback", spec) == []

    @contextmanager
    def renamed_default(name: str = "other") -> Iterator[None]:
        yield None

    assert check_function(renamed_default, spec, name="f") == [
        "f: parameter 'name' defaults to 'other', documented 'usage_metadata_callback'"
    ]


def test_async_detection_sees_through_wraps() -> None:
    async def inner(self: object, text: str) -> None:
        pass

    @functools.wraps(inner)
    def outer(*args: Any, **kwargs: Any) -> Any:
        return inner(*args, **kwargs)

    class Wrapped:
        go = outer

    spec = _method(_param("text"), is_async=True)
    assert check_member(Wrapped, "go", spec) == []
