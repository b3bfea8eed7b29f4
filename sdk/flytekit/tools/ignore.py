"""Which files of a source tree stay out of a fast-registration code archive.

``script_mode`` walks the tree and asks an :class:`IgnoreGroup` about every directory and file. The
group combines a built-in list of junk (VCS folders, byte code, virtual environments, tool caches),
patterns the caller passes (``FastPackageOptions.ignores``) and the rule files found in the tree:
``.gitignore`` and ``.flyteignore`` (git syntax, in any folder, relative to that folder) and a root
``.dockerignore`` (every pattern anchored at the root, as Docker reads it).

Patterns follow gitignore: ``#`` comments, ``!`` re-includes, a trailing ``/`` matches folders only,
a pattern with an inner ``/`` is anchored to its file's folder, ``*``/``?``/``[...]`` stay inside one
path segment and ``**`` spans segments. The last matching pattern wins; a file inside an ignored
folder is ignored (the walker never enters that folder).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

STANDARD_IGNORE_PATTERNS: tuple[str, ...] = (
    ".git/",
    ".hg/",
    ".svn/",
    "__pycache__/",
    "*.pyc",
    "*.pyo",
    ".venv/",
    "venv/",
    ".cache/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".ipynb_checkpoints/",
    ".DS_Store",
    "*.egg-info/",
)
"""Always ignored unless ``keep_default_ignores`` is off."""

GIT_STYLE_RULE_FILES: tuple[str, ...] = (".gitignore", ".flyteignore")
DOCKER_RULE_FILE = ".dockerignore"


@dataclass(frozen=True)
class IgnorePattern:
    """One compiled line of an ignore file, relative to the folder ``base`` (posix, ``""`` = root)."""

    source: str
    regex: re.Pattern[str]
    negated: bool
    dir_only: bool
    base: str

    def matches(self, rel_path: str, is_dir: bool) -> bool:
        """Whether the pattern matches ``rel_path`` (posix, relative to the tree root)."""
        if self.dir_only and not is_dir:
            return False
        if self.base:
            prefix = self.base + "/"
            if not rel_path.startswith(prefix):
                return False
            rel_path = rel_path[len(prefix) :]
        return self.regex.fullmatch(rel_path) is not None


def _segment_regex(glob: str) -> str:
    """Translate glob characters that stay within one path segment."""
    out: list[str] = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = glob[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        elif char == "\\" and i + 1 < len(glob):
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _glob_regex(glob: str, anchored: bool) -> re.Pattern[str]:
    """Compile a gitignore glob (without ``!`` or trailing ``/``) to a full-match regex."""
    parts = glob.split("/")
    pieces: list[str] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            pieces.append(".*" if last else "(?:[^/]+/)*")
        else:
            pieces.append(_segment_regex(part) + ("" if last else "/"))
    body = "".join(pieces)
    if not anchored:
        body = "(?:[^/]+/)*" + body
    return re.compile(body)


def compile_pattern(line: str, base: str = "", anchor_all: bool = False) -> IgnorePattern | None:
    """Compile one ignore-file line; blank lines and comments give ``None``."""
    text = line.rstrip("\n").rstrip("\r")
    stripped = text.rstrip(" ")
    if text.endswith("\\ ") and not stripped.endswith("\\"):
        stripped += " "
    if not stripped.strip() or stripped.lstrip().startswith("#"):
        return None
    pattern = stripped.strip() if anchor_all else stripped
    negated = pattern.startswith("!")
    if negated:
        pattern = pattern[1:]
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    if pattern.startswith("\\!") or pattern.startswith("\\#"):
        pattern = pattern[1:]
    anchored = anchor_all or "/" in pattern
    pattern = pattern.lstrip("/")
    if not pattern:
        return None
    return IgnorePattern(
        source=line.strip(),
        regex=_glob_regex(pattern, anchored),
        negated=negated,
        dir_only=dir_only,
        base=base,
    )


def compile_lines(lines: Iterable[str], base: str = "", anchor_all: bool = False) -> list[IgnorePattern]:
    """Compile every meaningful line of an ignore file."""
    compiled = (compile_pattern(line, base, anchor_all) for line in lines)
    return [pattern for pattern in compiled if pattern is not None]


@dataclass
class IgnoreGroup:
    """The ignore rules in force for one source root; rule files are picked up as folders are entered."""

    root: Path
    patterns: list[IgnorePattern] = field(default_factory=list)
    _loaded_dirs: set[str] = field(default_factory=set)

    @classmethod
    def for_root(
        cls, root: str | os.PathLike[str], extra: Iterable[str] = (), keep_default_ignores: bool = True
    ) -> IgnoreGroup:
        """Rules for ``root``: the standard list (optional), ``extra`` patterns and the root's rule files."""
        group = cls(root=Path(root).resolve())
        if keep_default_ignores:
            group.patterns.extend(compile_lines(STANDARD_IGNORE_PATTERNS))
        group.patterns.extend(compile_lines(extra))
        docker_file = group.root / DOCKER_RULE_FILE
        if docker_file.is_file():
            group.patterns.extend(compile_lines(_read_lines(docker_file), anchor_all=True))
        group.enter_directory("")
        return group

    def enter_directory(self, rel_dir: str) -> None:
        """Load ``.gitignore``/``.flyteignore`` of a folder (posix path relative to the root)."""
        if rel_dir in self._loaded_dirs:
            return
        self._loaded_dirs.add(rel_dir)
        folder = self.root / rel_dir if rel_dir else self.root
        for name in GIT_STYLE_RULE_FILES:
            rule_file = folder / name
            if rule_file.is_file():
                self.patterns.extend(compile_lines(_read_lines(rule_file), base=rel_dir))

    def is_ignored(self, rel_path: str, is_dir: bool) -> bool:
        """Whether ``rel_path`` (posix, relative to the root) is left out; the last match decides."""
        ignored = False
        for pattern in self.patterns:
            if pattern.matches(rel_path, is_dir):
                ignored = not pattern.negated
        return ignored


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()
