"""Choosing and archiving the source files of a fast registration.

Two ways to choose files under a source root: every file the :class:`~flytekit.tools.ignore.IgnoreGroup`
lets through (``--copy all``), or only the Python files of modules currently loaded from that root
(``--copy auto``). The archive is a gzipped tar whose members carry no owner, group or time stamp
and come in sorted order, so the same files always give the same bytes and the same digest; the
digest (md5 over every relative path and file content) names the archive ``fast<digest>.tar.gz``.
``fast_registration`` drives these helpers; ``repo`` and ``FlyteRemote.register_script`` use them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import site
import sys
import sysconfig
import tarfile
from pathlib import Path
from types import ModuleType

from flytekit.tools.ignore import IgnoreGroup

STRIPPED_MTIME = 315532800
"""Every archive member claims 1980-01-01, the earliest time zip-style tools accept."""


def find_project_root(source_path: str | os.PathLike[str]) -> Path:
    """The first folder at or above ``source_path`` that is not a Python package (no ``__init__.py``).

    Module names are computed relative to this folder, so ``<root>/wf/hello.py`` inside package
    ``wf`` is module ``wf.hello`` -- the name tasks get and the container imports.
    """
    path = Path(source_path).resolve()
    if path.is_file():
        path = path.parent
    while (path / "__init__.py").exists() and path.parent != path:
        path = path.parent
    return path


def list_all_files(
    source_path: str | os.PathLike[str], deref_symlinks: bool = False, ignore: IgnoreGroup | None = None
) -> list[str]:
    """Every file under ``source_path`` that the ignore rules keep, as sorted absolute paths."""
    root = Path(source_path).resolve()
    group = ignore if ignore is not None else IgnoreGroup.for_root(root)
    found: list[str] = []
    for current, dirs, files in os.walk(root, followlinks=deref_symlinks):
        rel_dir = Path(current).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        group.enter_directory(rel_dir)
        kept_dirs = []
        for name in sorted(dirs):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if not group.is_ignored(rel, is_dir=True):
                kept_dirs.append(name)
        dirs[:] = kept_dirs
        for name in sorted(files):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            full = Path(current) / name
            if group.is_ignored(rel, is_dir=False):
                continue
            if full.is_symlink() and not deref_symlinks and not full.exists():
                continue
            found.append(str(full))
    return sorted(found)


def _library_roots() -> list[Path]:
    """Folders holding installed packages; modules from there never belong to the user's code."""
    roots = {
        sys.prefix,
        sys.base_prefix,
        sysconfig.get_paths().get("purelib", ""),
        site.getusersitepackages(),
    }
    roots.update(site.getsitepackages())
    return [Path(root).resolve() for root in roots if root]


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def list_imported_modules_as_files(
    source_path: str | os.PathLike[str], modules: list[ModuleType]
) -> list[str]:
    """The files of ``modules`` that live under ``source_path`` (and not in an installed library)."""
    root = Path(source_path).resolve()
    libraries = [lib for lib in _library_roots() if not _is_within(root, lib)]
    files: set[str] = set()
    for module in modules:
        module_file = getattr(module, "__file__", None)
        if not module_file:
            continue
        path = Path(module_file).resolve()
        if not path.is_file() or not _is_within(path, root):
            continue
        if any(_is_within(path, lib) for lib in libraries):
            continue
        files.add(str(path))
    return sorted(files)


def loaded_modules() -> list[ModuleType]:
    """A snapshot of the modules imported so far in this process."""
    return [module for module in list(sys.modules.values()) if isinstance(module, ModuleType)]


def _relative(file: str, root: Path) -> str:
    """Posix path of ``file`` inside ``root``; symlinks are not followed, so links stay inside."""
    return Path(os.path.abspath(file)).relative_to(root).as_posix()


def compute_digest(source_path: str | os.PathLike[str], files: list[str]) -> bytes:
    """md5 over each file's path relative to ``source_path`` followed by its content, in sorted order."""
    root = Path(source_path).resolve()
    hasher = hashlib.md5()
    for file in sorted(files):
        rel = _relative(file, root)
        hasher.update(rel.encode("utf-8"))
        hasher.update(b"\0")
        with open(file, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                hasher.update(chunk)
        hasher.update(b"\0")
    return hasher.digest()


def tar_strip_file_attributes(tar_info: tarfile.TarInfo) -> tarfile.TarInfo:
    """Drop everything about a member except its name, type, permission bits and content."""
    tar_info.uid = 0
    tar_info.gid = 0
    tar_info.uname = ""
    tar_info.gname = ""
    tar_info.mtime = STRIPPED_MTIME
    tar_info.pax_headers = {}
    return tar_info


def write_archive(
    source_path: str | os.PathLike[str],
    files: list[str],
    output: str | os.PathLike[str],
    deref_symlinks: bool,
) -> None:
    """Write ``files`` (absolute, under ``source_path``) to a deterministic ``.tar.gz`` at ``output``."""
    root = Path(source_path).resolve()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT, dereference=deref_symlinks) as tar:
        for file in sorted(files):
            arcname = _relative(file, root)
            tar.add(file, arcname=arcname, recursive=False, filter=tar_strip_file_attributes)
    with (
        open(output, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped,
    ):
        zipped.write(buffer.getvalue())
