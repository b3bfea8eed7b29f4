"""Content digests that go into an ImageSpec tag, computed the way flytekit 1.16 computes them.

Both feed an md5 with each file's bytes followed by its relative path with the separators removed
(so the same files give the same tag on either SDK):

* ``source_digest(root, mode)`` over the files shipped from the source root: the loaded modules'
  files under ``root`` (installed packages, the interpreter's prefixes and flytekit itself excluded)
  or, for ``ALL``, every file not ignored (git/docker/standard ignores);
* ``copy_digest(paths)`` over ``ImageSpec.copy``: folders walked (files sorted per folder, paths
  relative to the folder), single files by base name.
"""

from __future__ import annotations

import hashlib
import os
import site
import stat
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flytekit.tools.fast_registration import CopyFileDetection

_BLOCK = 65536


def _add_file(path: str, rel_path: str, hasher: Any) -> None:
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_BLOCK), b""):
            hasher.update(chunk)
    hasher.update("".join(rel_path.split(os.sep)).encode("utf-8"))


def _inside(file: str, folder: str) -> bool:
    try:
        return os.path.commonpath([file, folder]) == folder
    except ValueError:
        return False


def _loaded_module_files(root: str) -> list[str]:
    import flytekit

    excluded = [
        os.path.dirname(flytekit.__file__ or ""),
        sys.prefix,
        sys.base_prefix,
        site.getusersitepackages(),
        *site.getsitepackages(),
    ]
    # flytekit puts the source root on sys.path and imports packages below it, so the root's own
    # __init__.py is never among its loaded modules (ours may load it as part of a parent package).
    root_init = os.path.join(root, "__init__.py")
    files = []
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if (
            not file
            or file == root_init
            or any(_inside(file, d) for d in excluded)
            or not _inside(file, root)
        ):
            continue
        files.append(file)
    return files


def source_digest(root: str, mode: CopyFileDetection) -> str:
    """md5 hex digest of the files ``mode`` ships from ``root``."""
    from flytekit.tools.fast_registration import CopyFileDetection, FastPackageOptions, select_files

    if mode == CopyFileDetection.LOADED_MODULES:
        files = _loaded_module_files(root)
    else:
        files = select_files(root, options=FastPackageOptions(copy_style=CopyFileDetection.ALL))
    hasher = hashlib.md5()
    for path in sorted(files):
        _add_file(path, os.path.relpath(path, root), hasher)
    return hasher.hexdigest()


def copy_digest(paths: list[str]) -> str:
    """md5 hex digest of the files and folders in ``ImageSpec.copy``."""
    hasher = hashlib.md5()

    def add(path: str, rel_path: str) -> None:
        if not os.path.exists(path) or stat.S_ISSOCK(os.stat(path).st_mode):
            return
        _add_file(path, rel_path, hasher)

    for src in paths:
        if os.path.isdir(src):
            for folder, _, names in os.walk(src, topdown=True):
                for name in sorted(names):
                    path = os.path.join(folder, name)
                    add(path, os.path.relpath(path, src))
        else:
            add(src, os.path.basename(src))
    return hasher.hexdigest()
