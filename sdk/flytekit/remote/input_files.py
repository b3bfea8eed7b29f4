"""Local files and folders given as inputs of a remote execution, uploaded through DataProxy.

A ``FlyteFile``/``FlyteDirectory`` input (or a plain path for an input declared as one) that names a
local path cannot be read by a task running elsewhere. Before ``CreateExecution`` such values are
uploaded with ``CreateUploadLocation`` -- a file as one object, a folder as one object per file
under a shared random root -- and replaced by the uploaded location, marked not to be uploaded
again. Values inside lists and dicts are handled too; remote URIs are left alone.
"""

from __future__ import annotations

import os
import types
import typing
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flytekit.core.data_persistence import FileAccessProvider
from flytekit.remote.uploading import put_file
from flytekit.tools.fast_registration import file_md5

if TYPE_CHECKING:
    from flytekit.remote.remote import FlyteRemote


def _family(python_type: Any) -> type[Any] | None:
    from flytekit.types.directory import FlyteDirectory
    from flytekit.types.file import FlyteFile

    if isinstance(python_type, type):
        for family in (FlyteDirectory, FlyteFile):
            if issubclass(python_type, family):
                return typing.cast(type[Any], python_type)
    return None


def _local_source(value: Any) -> str | None:
    """The local path ``value`` names, or ``None`` for remote URIs and non-path values."""
    from flytekit.types._blob_paths import BlobPath

    if isinstance(value, BlobPath):
        if value.remote_source is not None:
            return None
        source = value.path
    elif isinstance(value, str | os.PathLike):
        source = os.fspath(value)
    else:
        return None
    if FileAccessProvider.is_remote(source) or source.startswith("file://"):
        return None
    return source


def _upload_directory(remote: FlyteRemote, folder: Path, project: str, domain: str) -> str:
    root = uuid.uuid4().hex
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    if not files:
        raise FileNotFoundError(f"Folder {folder} is empty; there is nothing to upload.")
    prefix = ""
    for path in files:
        relative = path.relative_to(folder).as_posix()
        md5_bytes = file_md5(path)
        location = remote.client.get_upload_signed_url(
            project, domain, content_md5=md5_bytes, filename=relative, filename_root=root
        )
        put_file(path, location.signed_url, md5_bytes, dict(location.headers))
        prefix = prefix or location.native_url[: location.native_url.index(root) + len(root)]
    return prefix


def upload_local_blobs(remote: FlyteRemote, value: Any, python_type: Any, project: str, domain: str) -> Any:
    """``value`` with every local file/folder it holds (per ``python_type``) replaced by its upload."""
    from flytekit.types.directory import FlyteDirectory
    from flytekit.types.file import FlyteFile

    if python_type is None or value is None:
        return value
    origin = typing.get_origin(python_type)
    args = typing.get_args(python_type)
    if origin is typing.Annotated:
        return upload_local_blobs(remote, value, args[0], project, domain)
    if origin in (typing.Union, types.UnionType):
        blob_members = [member for member in args if _family(member) is not None]
        if len(blob_members) == 1 and _local_source(value) is not None:
            return upload_local_blobs(remote, value, blob_members[0], project, domain)
        return value
    if origin is list and isinstance(value, list) and args:
        return [upload_local_blobs(remote, item, args[0], project, domain) for item in value]
    if origin is dict and isinstance(value, dict) and len(args) == 2:
        return {
            key: upload_local_blobs(remote, item, args[1], project, domain) for key, item in value.items()
        }
    family = _family(python_type)
    source = _local_source(value) if family is not None else None
    if family is None or source is None:
        return value
    path = Path(source)
    if issubclass(family, FlyteDirectory):
        uri = _upload_directory(remote, path, project, domain)
        return family(uri, remote_directory=False)
    _, native_url = remote.upload_file(path, project, domain, filename_root=uuid.uuid4().hex)
    assert issubclass(family, FlyteFile)
    return family(native_url, remote_path=False)
