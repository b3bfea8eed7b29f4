"""Ignore rules: gitignore syntax, nested rule files, docker anchoring and the standard junk list."""

from __future__ import annotations

from pathlib import Path

import pytest

from flytekit.tools.ignore import IgnoreGroup, compile_pattern


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "expected"),
    [
        ("*.log", "a.log", False, True),
        ("*.log", "deep/down/a.log", False, True),
        ("*.log", "a.log.txt", False, False),
        ("build/", "build", True, True),
        ("build/", "build", False, False),
        ("docs/*.md", "docs/a.md", False, True),
        ("docs/*.md", "docs/sub/a.md", False, False),
        ("docs/*.md", "other/docs/a.md", False, False),
        ("/top.txt", "top.txt", False, True),
        ("/top.txt", "sub/top.txt", False, False),
        ("**/cache", "a/b/cache", True, True),
        ("**/cache", "cache", True, True),
        ("data/**", "data/x/y.csv", False, True),
        ("a/**/z", "a/z", False, True),
        ("a/**/z", "a/b/c/z", False, True),
        ("file?.py", "file1.py", False, True),
        ("file?.py", "file10.py", False, False),
        ("[ab].py", "a.py", False, True),
        ("[!ab].py", "a.py", False, False),
        ("[!ab].py", "c.py", False, True),
    ],
)
def test_gitignore_pattern_semantics(pattern: str, path: str, is_dir: bool, expected: bool) -> None:
    compiled = compile_pattern(pattern)
    assert compiled is not None
    assert compiled.matches(path, is_dir) is expected


@pytest.mark.parametrize("line", ["", "   ", "# a comment", "/"])
def test_blank_and_comment_lines_compile_to_nothing(line: str) -> None:
    assert compile_pattern(line) is None


def test_last_match_wins_and_negation_reincludes(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.csv\n!keep.csv\n")
    group = IgnoreGroup.for_root(tmp_path)
    assert group.is_ignored("x.csv", is_dir=False)
    assert not group.is_ignored("keep.csv", is_dir=False)


def test_nested_rule_files_apply_below_their_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".flyteignore").write_text("secret.txt\n")
    group = IgnoreGroup.for_root(tmp_path)
    group.enter_directory("sub")
    assert group.is_ignored("sub/secret.txt", is_dir=False)
    assert not group.is_ignored("secret.txt", is_dir=False)


def test_dockerignore_patterns_are_anchored_at_the_root(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("notes.txt\n")
    group = IgnoreGroup.for_root(tmp_path)
    assert group.is_ignored("notes.txt", is_dir=False)
    assert not group.is_ignored("sub/notes.txt", is_dir=False)


def test_standard_ignores_can_be_switched_off(tmp_path: Path) -> None:
    assert IgnoreGroup.for_root(tmp_path).is_ignored("pkg/__pycache__", is_dir=True)
    assert IgnoreGroup.for_root(tmp_path).is_ignored(".git", is_dir=True)
    assert IgnoreGroup.for_root(tmp_path).is_ignored(".venv", is_dir=True)
    bare = IgnoreGroup.for_root(tmp_path, keep_default_ignores=False)
    assert not bare.is_ignored("pkg/__pycache__", is_dir=True)


def test_extra_patterns_from_options(tmp_path: Path) -> None:
    group = IgnoreGroup.for_root(tmp_path, extra=["*.tmp"])
    assert group.is_ignored("x.tmp", is_dir=False)
