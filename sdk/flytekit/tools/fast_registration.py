"""Fast registration: package the user's code as ``fast<digest>.tar.gz`` and derive versions from it.

Instead of building an image per change, the source tree is archived, uploaded next to the
registered entities and unpacked in the task container by ``pyflyte-fast-execute``. This module
chooses what goes in (:class:`FastPackageOptions`, :class:`CopyFileDetection`), writes the
deterministic archive (through ``script_mode``) and computes the content-derived version string used
when the user gives none. Uploading is ``FlyteRemote.upload_file``'s job (DataProxy signed URL).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from flytekit.constants import CopyFileDetection as CopyFileDetection
from flytekit.tools.ignore import IgnoreGroup
from flytekit.tools.script_mode import (
    compute_digest,
    list_all_files,
    list_imported_modules_as_files,
    loaded_modules,
    write_archive,
)

logger = logging.getLogger(__name__)

FAST_PREFIX = "fast"
FAST_SUFFIX = ".tar.gz"


@dataclass
class FastPackageOptions:
    """How to build the code archive: extra ignore patterns, whether the standard ignores apply,
    the copy style (``None`` means all files) and whether to print the chosen files."""

    ignores: list[str] = field(default_factory=list)
    keep_default_ignores: bool = True
    copy_style: CopyFileDetection | None = None
    show_files: bool = False


def archive_name(digest: bytes) -> str:
    """``fast<md5 hex>.tar.gz``, the name of the archive of files with that digest."""
    return f"{FAST_PREFIX}{digest.hex()}{FAST_SUFFIX}"


def select_files(
    source: str | os.PathLike[str], deref_symlinks: bool = False, options: FastPackageOptions | None = None
) -> list[str]:
    """The absolute paths of the files a fast package of ``source`` contains."""
    opts = options or FastPackageOptions()
    style = opts.copy_style or CopyFileDetection.ALL
    if style is CopyFileDetection.NO_COPY:
        raise ValueError(
            "No files are packaged with copy style 'none'; register with --copy auto or --copy all, "
            "or give an explicit --version for a non-fast registration."
        )
    group = IgnoreGroup.for_root(source, extra=opts.ignores, keep_default_ignores=opts.keep_default_ignores)
    if style is CopyFileDetection.LOADED_MODULES:
        root = Path(source).resolve()
        return [
            file
            for file in list_imported_modules_as_files(source, loaded_modules())
            if not _ignored_path(group, root, file)
        ]
    return list_all_files(source, deref_symlinks=deref_symlinks, ignore=group)


def _ignored_path(group: IgnoreGroup, root: Path, file: str) -> bool:
    """Check a file and each of its folders, as the walker would on the way down."""
    parts = Path(file).relative_to(root).parts
    for depth in range(1, len(parts)):
        rel_dir = "/".join(parts[:depth])
        group.enter_directory("/".join(parts[: depth - 1]))
        if group.is_ignored(rel_dir, is_dir=True):
            return True
    group.enter_directory("/".join(parts[:-1]))
    return group.is_ignored("/".join(parts), is_dir=False)


def fast_package(
    source: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    deref_symlinks: bool = False,
    options: FastPackageOptions | None = None,
) -> Path:
    """Archive the chosen files of ``source`` into ``output_dir/fast<digest>.tar.gz`` and return its path.

    The same files with the same contents always give the same archive name and bytes.
    """
    files = select_files(source, deref_symlinks=deref_symlinks, options=options)
    if options is not None and options.show_files:
        print_file_list(source, files)
    digest = compute_digest(source, files)
    out_dir = Path(output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / archive_name(digest)
    write_archive(source, files, archive, deref_symlinks=deref_symlinks)
    logger.debug("packaged %d files of %s into %s", len(files), source, archive)
    return archive


def fast_package_to_temp(
    source: str | os.PathLike[str], deref_symlinks: bool = False, options: FastPackageOptions | None = None
) -> Path:
    """:func:`fast_package` into a fresh temporary folder (the caller removes it when done)."""
    return fast_package(source, tempfile.mkdtemp(prefix="flyte-fast-"), deref_symlinks, options)


def print_file_list(source: str | os.PathLike[str], files: Sequence[str]) -> None:
    """Show which files go into the archive (``--show-files``)."""
    root = Path(source).resolve()
    click.secho(f"Files in the code archive of {root}:", fg="blue")
    for file in files:
        click.echo(f"  {Path(file).relative_to(root).as_posix()}")


def file_md5(path: str | os.PathLike[str]) -> bytes:
    """The md5 digest (raw bytes) of a file's content, as sent in ``Content-MD5``."""
    hasher = hashlib.md5()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.digest()


def _settings_fingerprint(settings: Any) -> str:
    """A stable text form of SerializationSettings (its ``to_json`` when it has one)."""
    to_json = getattr(settings, "to_json", None)
    if callable(to_json):
        return str(to_json())
    if dataclasses.is_dataclass(settings) and not isinstance(settings, type):
        return json.dumps(dataclasses.asdict(settings), sort_keys=True, default=str)
    return repr(settings)


def _sdk_version() -> str:
    import flytekit

    return str(getattr(flytekit, "__version__", "0.0.0"))


def compute_version(
    md5_bytes: bytes,
    serialization_settings: Any,
    default_inputs: dict[str, Any] | None = None,
    *additional_context: str,
) -> str:
    """The version registered entities get when none is given: a 22-character url-safe hash of the
    code archive digest, the serialization settings, the SDK version, default inputs and any extra
    context (image names, ...). Changing any of them gives a new version."""
    hasher = hashlib.md5(md5_bytes)
    hasher.update(_settings_fingerprint(serialization_settings).encode("utf-8"))
    hasher.update(_sdk_version().encode("utf-8"))
    if default_inputs:
        hasher.update(json.dumps(default_inputs, sort_keys=True, default=repr).encode("utf-8"))
    for context in additional_context:
        hasher.update(context.encode("utf-8"))
    return base64.urlsafe_b64encode(hasher.digest()).decode("ascii").rstrip("=")


def download_distribution(additional_distribution: str, destination: str | os.PathLike[str]) -> None:
    """Fetch a code archive (``s3://``, ``file://``, signed URL) and unpack it into ``destination``.

    The task runtime's side of fast registration; kept here under flytekit's name.
    """
    from flytekit.runtime.fast import download_distribution as download

    download(additional_distribution, os.fspath(destination))
