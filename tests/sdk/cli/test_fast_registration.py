"""Fast packaging: which files go in, deterministic archives and digests, content-derived versions."""

from __future__ import annotations

import dataclasses
import os
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from flytekit.tools.fast_registration import (
    CopyFileDetection,
    FastPackageOptions,
    archive_name,
    compute_version,
    download_distribution,
    fast_package,
    file_md5,
    select_files,
)
from flytekit.tools.script_mode import STRIPPED_MTIME, find_project_root


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    _tree(
        root,
        {
            "wf/__init__.py": "",
            "wf/hello.py": "X = 1\n",
            "wf/__pycache__/hello.cpython-311.pyc": "junk",
            "notes.txt": "notes\n",
            "debug.log": "log\n",
            ".gitignore": "*.log\n",
            ".git/HEAD": "ref\n",
            ".venv/lib/site.py": "",
        },
    )
    return root


def _members(archive: Path) -> list[tarfile.TarInfo]:
    with tarfile.open(archive) as tar:
        return tar.getmembers()


def test_copy_all_skips_vcs_caches_venvs_and_gitignored_files(project: Path) -> None:
    files = select_files(project, options=FastPackageOptions(copy_style=CopyFileDetection.ALL))
    rel = [Path(f).relative_to(project).as_posix() for f in files]
    assert rel == [".gitignore", "notes.txt", "wf/__init__.py", "wf/hello.py"]


def test_archive_is_named_by_digest_and_members_carry_no_owner_or_time(project: Path, tmp_path: Path) -> None:
    archive = fast_package(project, tmp_path / "out")
    assert archive.name.startswith("fast") and archive.name.endswith(".tar.gz")
    assert len(archive.name) == len("fast") + 32 + len(".tar.gz")
    members = _members(archive)
    assert [m.name for m in members] == [".gitignore", "notes.txt", "wf/__init__.py", "wf/hello.py"]
    for member in members:
        assert member.isfile()
        assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", "")
        assert member.mtime == STRIPPED_MTIME


def test_same_content_gives_same_bytes_even_after_touching_files(project: Path, tmp_path: Path) -> None:
    first = fast_package(project, tmp_path / "one")
    os.utime(project / "wf" / "hello.py", (1_700_000_000, 1_700_000_000))
    second = fast_package(project, tmp_path / "two")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()


def test_changed_content_or_new_file_changes_the_digest(project: Path, tmp_path: Path) -> None:
    before = fast_package(project, tmp_path / "a").name
    (project / "wf" / "hello.py").write_text("X = 2\n")
    changed = fast_package(project, tmp_path / "b").name
    (project / "wf" / "more.py").write_text("")
    added = fast_package(project, tmp_path / "c").name
    assert len({before, changed, added}) == 3


def test_extra_ignores_from_options(project: Path) -> None:
    files = select_files(project, options=FastPackageOptions(ignores=["notes.txt"]))
    assert all(not f.endswith("notes.txt") for f in files)


@pytest.fixture
def importable_project(project: Path) -> Iterator[Path]:
    sys.path.insert(0, str(project))
    try:
        yield project
    finally:
        sys.path.remove(str(project))
        for name in [n for n in sys.modules if n == "wf" or n.startswith("wf.")]:
            del sys.modules[name]


def test_copy_auto_takes_only_python_files_of_loaded_modules(importable_project: Path) -> None:
    auto = FastPackageOptions(copy_style=CopyFileDetection.LOADED_MODULES)
    assert select_files(importable_project, options=auto) == []
    __import__("wf.hello")
    rel = [
        Path(f).relative_to(importable_project).as_posix()
        for f in select_files(importable_project, options=auto)
    ]
    assert rel == ["wf/__init__.py", "wf/hello.py"]


def test_copy_none_refuses_to_package(project: Path) -> None:
    with pytest.raises(ValueError, match="--copy auto or --copy all"):
        select_files(project, options=FastPackageOptions(copy_style=CopyFileDetection.NO_COPY))


@pytest.mark.parametrize(("text", "style"), [("auto", "LOADED_MODULES"), ("ALL", "ALL"), ("none", "NO_COPY")])
def test_copy_choice_parsing(text: str, style: str) -> None:
    assert CopyFileDetection.from_cli(text) is CopyFileDetection[style]


def test_unknown_copy_choice_names_the_choices() -> None:
    with pytest.raises(ValueError, match="auto, all, none"):
        CopyFileDetection.from_cli("some")


@dataclasses.dataclass
class _Settings:
    image: str
    domain: str = "development"


def test_version_is_22_url_safe_chars_and_depends_on_every_part(project: Path, tmp_path: Path) -> None:
    digest = file_md5(fast_package(project, tmp_path / "out"))
    base = compute_version(digest, _Settings("img:1"))
    assert len(base) == 22
    assert "=" not in base and "+" not in base and "/" not in base
    assert compute_version(digest, _Settings("img:1")) == base
    assert compute_version(digest, _Settings("img:2")) != base
    assert compute_version(b"other", _Settings("img:1")) != base
    assert compute_version(digest, _Settings("img:1"), {"a": 1}) != base
    assert compute_version(digest, _Settings("img:1"), None, "extra") != base


def test_archive_name_is_hex_digest() -> None:
    assert archive_name(bytes(range(16))) == "fast000102030405060708090a0b0c0d0e0f.tar.gz"


def test_project_root_is_first_ancestor_without_init(project: Path) -> None:
    assert find_project_root(project / "wf" / "hello.py") == project.resolve()
    assert find_project_root(project / "wf") == project.resolve()


def test_archives_unpack_to_the_same_tree(project: Path, tmp_path: Path) -> None:
    archive = fast_package(project, tmp_path / "out")
    download_distribution(archive.as_uri(), tmp_path / "unpacked")
    assert (tmp_path / "unpacked" / "wf" / "hello.py").read_text() == "X = 1\n"
    assert not (tmp_path / "unpacked" / "debug.log").exists()
