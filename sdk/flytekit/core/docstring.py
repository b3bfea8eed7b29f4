"""Descriptions from docstrings: the summary, the long description, and per-parameter/return text.

Understands the three common styles (reST ``:param x:``, Google ``Args:``/``Returns:`` sections and
numpydoc underlined sections), choosing the one that finds the most entries. The results feed the
``Variable.description`` of interfaces (defaulting to the variable name) and the entity's
``DescriptionEntity``: the summary is the first line, the long description what follows it up to the
first section.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field

_REST_FIELD = re.compile(r"^:(\w+)(?:\s+([^:]*?))?\s*:\s*(.*)$")
_REST_PARAM_KEYS = {"param", "parameter", "arg", "argument", "key", "keyword"}
_REST_RETURN_KEYS = {"return", "returns"}
_GOOGLE_SECTION = re.compile(r"^(\w[\w ]*):\s*$")
_GOOGLE_PARAM_SECTIONS = {"args", "arguments", "parameters", "params", "keyword args", "keyword arguments"}
_GOOGLE_RETURN_SECTIONS = {"returns", "return", "yields", "yield"}
_GOOGLE_KNOWN = _GOOGLE_PARAM_SECTIONS | _GOOGLE_RETURN_SECTIONS | {
    "raises", "raise", "except", "exceptions", "example", "examples", "attributes", "note", "notes",
    "todo", "warning", "warnings", "see also", "references",
}  # fmt: skip
_GOOGLE_ITEM = re.compile(r"^(\*{0,2}\w+)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$")
_NUMPY_UNDERLINE = re.compile(r"^-{3,}\s*$")


@dataclass
class _Parsed:
    short_description: str | None = None
    long_description: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    returns: dict[str | None, str] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        return len(self.params) + len(self.returns)


def _split_description(lines: list[str]) -> tuple[str | None, str | None]:
    text = "\n".join(lines).strip()
    if not text:
        return None, None
    first, _, rest = text.partition("\n")
    return first.strip() or None, rest.strip() or None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _dedent_block(lines: list[str]) -> str:
    return inspect.cleandoc("\n".join(lines)) if lines else ""


def _parse_rest(lines: list[str]) -> _Parsed:
    out = _Parsed()
    start = next((i for i, line in enumerate(lines) if _REST_FIELD.match(line)), len(lines))
    out.short_description, out.long_description = _split_description(lines[:start])
    i = start
    while i < len(lines):
        m = _REST_FIELD.match(lines[i])
        i += 1
        if not m:
            continue
        key, arg, first = m.group(1), (m.group(2) or "").split(), m.group(3)
        body = [first]
        while i < len(lines) and lines[i].strip() and not _REST_FIELD.match(lines[i]):
            body.append(lines[i].strip())
            i += 1
        text = "\n".join(body).strip()
        if key in _REST_PARAM_KEYS and arg:
            out.params[arg[-1]] = text
        elif key in _REST_RETURN_KEYS:
            out.returns[None] = text
    return out


def _parse_google(lines: list[str]) -> _Parsed:
    out = _Parsed()
    sections: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        m = _GOOGLE_SECTION.match(line)
        if m and m.group(1).lower() in _GOOGLE_KNOWN and _indent(line) == 0:
            sections.append((m.group(1).lower(), i))
    first = sections[0][1] if sections else len(lines)
    out.short_description, out.long_description = _split_description(lines[:first])
    for n, (name, at) in enumerate(sections):
        end = sections[n + 1][1] if n + 1 < len(sections) else len(lines)
        block = [line for line in lines[at + 1 : end]]
        while block and not block[-1].strip():
            block.pop()
        if not block:
            continue
        base = min(_indent(line) for line in block if line.strip())
        if name in _GOOGLE_PARAM_SECTIONS:
            current: str | None = None
            body: list[str] = []
            for line in [*block, ""]:
                if line.strip() and _indent(line) == base:
                    if current is not None:
                        out.params[current] = "\n".join(body).strip()
                    m = _GOOGLE_ITEM.match(line.strip())
                    current = m.group(1).lstrip("*") if m else None
                    body = [m.group(3)] if m else []
                elif line.strip():
                    body.append(line.strip())
            if current is not None:
                out.params[current] = "\n".join(body).strip()
        elif name in _GOOGLE_RETURN_SECTIONS:
            text = _dedent_block(block)
            first_line, _, rest = text.partition("\n")
            m = re.match(r"^[^:\s][^:]*:\s*(.*)$", first_line)
            if m and not first_line.startswith("http"):
                text = "\n".join(x for x in (m.group(1), rest) if x)
            out.returns[None] = text.strip()
    return out


def _parse_numpy(lines: list[str]) -> _Parsed:
    out = _Parsed()
    heads = [i for i in range(1, len(lines)) if _NUMPY_UNDERLINE.match(lines[i]) and lines[i - 1].strip()]
    first = heads[0] - 1 if heads else len(lines)
    out.short_description, out.long_description = _split_description(lines[:first])
    for n, at in enumerate(heads):
        name = lines[at - 1].strip().lower()
        end = heads[n + 1] - 1 if n + 1 < len(heads) else len(lines)
        block = lines[at + 1 : end]
        items: list[tuple[str, list[str]]] = []
        for line in block:
            if not line.strip():
                continue
            if _indent(line) == 0:
                items.append((line.strip(), []))
            elif items:
                items[-1][1].append(line.strip())
        for head, body in items:
            label, _, _ = head.partition(":")
            text = "\n".join(body).strip()
            if name in ("parameters", "other parameters"):
                out.params[label.strip()] = text
            elif name in ("returns", "yields"):
                out.returns[label.strip() if ":" in head else None] = text
    return out


class Docstring:
    """A parsed docstring; ``input_descriptions`` by parameter, ``output_descriptions`` by return name
    (``None`` for an unnamed return)."""

    def __init__(self, docstring: str | None = None, callable_: object | None = None) -> None:
        if docstring is None and callable_ is not None:
            docstring = getattr(callable_, "__doc__", None)
        self._raw = docstring
        parsed = _Parsed()
        if docstring:
            lines = inspect.cleandoc(docstring).splitlines()
            candidates = [_parse_rest(lines), _parse_google(lines), _parse_numpy(lines)]
            parsed = max(candidates, key=lambda p: p.entries)  # ties keep the earlier (reST) reading
        self._parsed = parsed

    @property
    def raw(self) -> str | None:
        return self._raw

    @property
    def short_description(self) -> str | None:
        return self._parsed.short_description

    @property
    def long_description(self) -> str | None:
        return self._parsed.long_description

    @property
    def input_descriptions(self) -> dict[str, str]:
        return dict(self._parsed.params)

    @property
    def output_descriptions(self) -> dict[str | None, str]:
        return dict(self._parsed.returns)
