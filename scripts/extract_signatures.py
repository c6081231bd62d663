"""Turn the documented signatures of the API reference page into JSON.

Usage::

    python scripts/extract_signatures.py [PAGE] [-o OUT]

PAGE defaults to ``tests/data/api_page.txt`` and OUT to
``conformance/data/signatures.json``, both taken relative to the repository
root (the parent of this script's folder).

The page is the markdown capture of the public reference for
``langchain_core.callbacks``.  Top-level objects are ``## `` headings and
their members ``### `` headings; labels such as ``property`` or ``async``
follow the name in backticks, and the first thing under a member heading is
a fenced block holding its signature.  Each signature is parsed with
:mod:`ast` and only facts are kept: names, parameter kinds, defaults,
annotations (as source text), return annotations, bases and the kind of
each member.  None of the prose of the page ends up in the output.

Anything the script cannot make sense of stops it with a message naming
the heading; it never guesses.  Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGE = REPO_ROOT / "tests" / "data" / "api_page.txt"
DEFAULT_OUT = REPO_ROOT / "conformance" / "data" / "signatures.json"

# What the current page is known to hold; ``main`` refuses to write a file
# that disagrees, so a changed page is noticed rather than silently shrunk.
EXPECTED_OBJECTS = 7
EXPECTED_MEMBERS = 140

_HEADING = re.compile(
    r"^(?P<level>#{2,3}) ``(?P<name>(?:\\.|[^\s`\[\\])+)"
    r"(?P<labels>(?:`[a-z-]+`)*)\s*\[¶\]\("
)
_LABEL = re.compile(r"`([a-z-]+)`")
_FENCE = re.compile(r"^(`{3,})")
_BASES = re.compile(r"^Bases:\s*(?P<rest>.*)$")

_ATTRIBUTE_LABELS = frozenset({"class-attribute", "instance-attribute"})
_KNOWN_LABELS = _ATTRIBUTE_LABELS | {"property", "async", "classmethod"}


class ExtractError(Exception):
    """The page holds something this script cannot turn into data."""


class _Section:
    """One heading of the page with the lines up to the next heading."""

    def __init__(self, level: int, name: str, labels: list[str], lineno: int) -> None:
        self.level = level
        self.name = name
        self.labels = labels
        self.lineno = lineno
        self.body: list[str] = []

    def where(self, owner: str | None = None) -> str:
        qualified = f"{owner}.{self.name}" if owner else self.name
        return f"heading {qualified!r} (line {self.lineno})"


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` ends a block opened by ``fence`` (CommonMark rule)."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {"`"}


def _unescape(name: str) -> str:
    return re.sub(r"\\(.)", r"\1", name)


def _split_sections(page_text: str) -> list[_Section]:
    sections: list[_Section] = []
    fence: str | None = None
    for lineno, line in enumerate(page_text.splitlines(), start=1):
        fence_match = _FENCE.match(line)
        if fence is not None:
            if _closes(line, fence):
                fence = None
            if sections:
                sections[-1].body.append(line)
            continue
        if fence_match:
            fence = fence_match.group(1)
            if sections:
                sections[-1].body.append(line)
            continue
        if line.startswith(("## ", "### ")):
            heading = _HEADING.match(line)
            if heading is None:
                raise ExtractError(f"line {lineno}: heading not understood: {line[:80]!r}")
            labels = _LABEL.findall(heading.group("labels"))
            name = _unescape(heading.group("name"))
            sections.append(_Section(len(heading.group("level")), name, labels, lineno))
        elif sections:
            sections[-1].body.append(line)
    if fence is not None:
        raise ExtractError("the page ends inside a fenced block")
    return sections


def _leading_block(section: _Section) -> str | None:
    """The fenced block that opens the section body, or None if it has none."""
    lines = iter(section.body)
    for line in lines:
        if not line.strip():
            continue
        opening = _FENCE.match(line)
        if opening is None or line.strip() != opening.group(1):
            return None
        fence = opening.group(1)
        block: list[str] = []
        for inner in lines:
            if _closes(inner, fence):
                return "\n".join(block)
            block.append(inner)
        return None
    return None


def _bases(section: _Section) -> list[str]:
    fence: str | None = None
    for line in section.body:
        if fence is not None:
            if _closes(line, fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        found = _BASES.match(line)
        if found:
            return [_unescape(base) for base in re.findall(r"`([^`]+)`", found.group("rest"))]
    return []


def _literal(node: ast.expr, where: str) -> Any:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError):
        raise ExtractError(f"{where}: default {ast.unparse(node)!r} is not a literal") from None
    if value is not None and not isinstance(value, (bool, int, float, str)):
        raise ExtractError(f"{where}: default {ast.unparse(node)!r} has no faithful JSON form")
    return value


def _parse(source: str, where: str) -> ast.stmt:
    try:
        module = ast.parse(source)
    except SyntaxError as exc:
        raise ExtractError(f"{where}: signature does not parse: {exc.msg}") from None
    if len(module.body) != 1:
        raise ExtractError(f"{where}: signature is not a single declaration")
    return module.body[0]


def _annotation(node: ast.expr | None) -> dict[str, str]:
    return {} if node is None else {"annotation": ast.unparse(node)}


def _callable_spec(name: str, text: str, where: str) -> dict[str, Any]:
    if not text.startswith(f"{name}("):
        raise ExtractError(f"{where}: signature does not start with '{name}('")
    node = _parse(f"def {text}: ...", where)
    if not isinstance(node, ast.FunctionDef) or node.name != name:
        raise ExtractError(f"{where}: signature is not a call signature of {name!r}")
    args = node.args
    parameters: list[dict[str, Any]] = []

    positional = [*args.posonlyargs, *args.args]
    first_default = len(positional) - len(args.defaults)
    for index, arg in enumerate(positional):
        kind = "POSITIONAL_ONLY" if index < len(args.posonlyargs) else "POSITIONAL_OR_KEYWORD"
        entry: dict[str, Any] = {"name": arg.arg, "kind": kind, **_annotation(arg.annotation)}
        if index >= first_default:
            entry["default"] = _literal(args.defaults[index - first_default], where)
        parameters.append(entry)
    if args.vararg is not None:
        parameters.append(
            {
                "name": args.vararg.arg,
                "kind": "VAR_POSITIONAL",
                **_annotation(args.vararg.annotation),
            }
        )
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        entry = {"name": arg.arg, "kind": "KEYWORD_ONLY", **_annotation(arg.annotation)}
        if default is not None:
            entry["default"] = _literal(default, where)
        parameters.append(entry)
    if args.kwarg is not None:
        parameters.append(
            {"name": args.kwarg.arg, "kind": "VAR_KEYWORD", **_annotation(args.kwarg.annotation)}
        )
    returns = None if node.returns is None else ast.unparse(node.returns)
    return {"returns": returns, "parameters": parameters}


def _declaration_spec(name: str, text: str, where: str, *, with_default: bool) -> dict[str, Any]:
    node = _parse(text, where)
    if not (
        isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == name
    ):
        raise ExtractError(f"{where}: expected '{name}: <annotation>', got {text!r}")
    spec: dict[str, Any] = _annotation(node.annotation)
    if node.value is not None:
        if not with_default:
            raise ExtractError(f"{where}: a property signature cannot carry a value")
        spec["default"] = _literal(node.value, where)
    return spec


def _member_spec(section: _Section, owner: str) -> dict[str, Any]:
    where = section.where(owner)
    unknown = sorted(set(section.labels) - _KNOWN_LABELS)
    if unknown:
        raise ExtractError(f"{where}: unknown labels {', '.join(unknown)}")
    text = _leading_block(section)
    if text is None:
        raise ExtractError(f"{where}: no signature block right under the heading")
    text = text.strip()
    labels = set(section.labels)
    looks_callable = text.startswith(f"{section.name}(")

    if "property" in labels or labels & _ATTRIBUTE_LABELS:
        if "property" in labels and labels & _ATTRIBUTE_LABELS:
            raise ExtractError(f"{where}: labelled both property and attribute")
        if labels & {"async", "classmethod"}:
            raise ExtractError(f"{where}: a data member cannot be async or a classmethod")
        is_property = "property" in labels
        kind = "property" if is_property else "attribute"
        return {
            "kind": kind,
            **_declaration_spec(section.name, text, where, with_default=not is_property),
        }
    if not looks_callable:
        # No label says what it is; an annotated name is an attribute.
        if labels:
            raise ExtractError(f"{where}: labels {sorted(labels)} but no call signature")
        return {
            "kind": "attribute",
            **_declaration_spec(section.name, text, where, with_default=True),
        }
    kind = "classmethod" if "classmethod" in labels else "method"
    return {"kind": kind, "async": "async" in labels, **_callable_spec(section.name, text, where)}


def extract(page_text: str) -> dict[str, Any]:
    """Return the signature data of ``page_text`` (see the module docstring).

    Raises :class:`ExtractError` naming the heading at fault.
    """
    objects: dict[str, Any] = {}
    current: dict[str, Any] | None = None
    current_name = ""
    for section in _split_sections(page_text):
        where = section.where()
        if section.level == 2:
            if section.name in objects:
                raise ExtractError(f"{where}: documented twice")
            text = _leading_block(section)
            if text is not None and text.strip().startswith(f"{section.name}("):
                if section.labels not in ([], ["async"]):
                    raise ExtractError(f"{where}: unexpected labels {section.labels}")
                objects[section.name] = {
                    "kind": "function",
                    "async": "async" in section.labels,
                    **_callable_spec(section.name, text.strip(), where),
                }
                current = None
            else:
                if section.labels:
                    raise ExtractError(f"{where}: unexpected labels {section.labels}")
                current = {"kind": "class", "bases": _bases(section), "members": {}}
                objects[section.name] = current
            current_name = section.name
            continue
        if current is None:
            raise ExtractError(f"{where}: member heading outside any class")
        members: dict[str, Any] = current["members"]
        if section.name in members:
            raise ExtractError(f"{section.where(current_name)}: documented twice")
        members[section.name] = _member_spec(section, current_name)
    digest = hashlib.sha256(page_text.encode("utf-8")).hexdigest()
    return {"page_sha256": digest, "objects": objects}


def count_members(data: dict[str, Any]) -> int:
    """Number of documented class members in ``data``."""
    return sum(len(spec.get("members", {})) for spec in data["objects"].values())


def render(data: dict[str, Any]) -> str:
    """The JSON text written to disk for ``data``."""
    return json.dumps(data, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("page", nargs="?", type=Path, default=DEFAULT_PAGE)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    options = parser.parse_args(argv)

    try:
        page_text = options.page.read_bytes().decode("utf-8")
        data = extract(page_text)
    except (OSError, UnicodeDecodeError, ExtractError) as exc:
        print(f"extract_signatures: error: {exc}", file=sys.stderr)
        return 1
    objects, members = len(data["objects"]), count_members(data)
    if (objects, members) != (EXPECTED_OBJECTS, EXPECTED_MEMBERS):
        print(
            f"extract_signatures: error: found {objects} objects and {members} members, "
            f"expected {EXPECTED_OBJECTS} and {EXPECTED_MEMBERS}",
            file=sys.stderr,
        )
        return 1
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(render(data), encoding="utf-8", newline="\n")
    print(f"wrote {options.output}: {objects} objects, {members} members")
    return 0


if __name__ == "__main__":
    sys.exit(main())
