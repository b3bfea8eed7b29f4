"""Blob access for the SDK: local paths, ``file://`` URIs and ``s3://`` URIs behind one provider.

``FileAccessProvider`` is what tasks and the runtime use to read ``inputs.pb``, write ``outputs.pb``
and offload data under the raw output prefix. S3 goes through boto3, imported on first use so that
``import flytekit`` stays light; its endpoint and keys come from ``DataConfig`` (``FLYTE_AWS_*`` or
the config file), falling back to boto3's own credential chain. ``http(s)://`` URLs (signed URLs) can
be downloaded.
"""

from __future__ import annotations

import logging
import os
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flytekit.configuration.platform import DataConfig
from flytekit.errors import FlyteDataAccessException

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

logger = logging.getLogger(__name__)

_REMOTE_SCHEMES = ("s3", "http", "https")


def _scheme(path: str) -> str:
    head, sep, _ = path.partition("://")
    return head.lower() if sep else ""


def _local_path(path: str) -> str:
    """A filesystem path for a local path or a ``file://`` URI."""
    if _scheme(path) == "file":
        parsed = urllib.parse.urlparse(path)
        return urllib.parse.unquote(parsed.path)
    return path


def _split_s3(uri: str) -> tuple[str, str]:
    parsed = urllib.parse.urlparse(uri)
    if not parsed.netloc:
        raise FlyteDataAccessException(f"S3 URI {uri!r} has no bucket; write it as s3://<bucket>/<key>.")
    return parsed.netloc, parsed.path.lstrip("/")


class FileAccessProvider:
    """Reads and writes blobs named by local path, ``file://``, ``s3://`` (and reads ``http(s)://``)."""

    def __init__(
        self,
        local_sandbox_dir: str | os.PathLike[str],
        raw_output_prefix: str,
        data_config: DataConfig | None = None,
    ) -> None:
        self._local_sandbox_dir = str(local_sandbox_dir)
        self._raw_output_prefix = raw_output_prefix.rstrip("/") + "/" if raw_output_prefix else ""
        self._data_config = data_config or DataConfig()
        self._s3: S3Client | None = None

    @property
    def local_sandbox_dir(self) -> str:
        return self._local_sandbox_dir

    @property
    def raw_output_prefix(self) -> str:
        return self._raw_output_prefix

    @property
    def data_config(self) -> DataConfig:
        return self._data_config

    # ---- naming
    @staticmethod
    def is_remote(path: str | os.PathLike[str]) -> bool:
        return _scheme(str(path)) in _REMOTE_SCHEMES

    @staticmethod
    def get_random_string() -> str:
        import uuid  # deferred, like shutil and tempfile below: keeps `import flytekit` light

        return uuid.uuid4().hex

    @staticmethod
    def join(*paths: str, unstrip: bool = False) -> str:
        """Join path segments with ``/`` (keeps a leading ``/`` and ``scheme://``)."""
        parts = [p for p in paths if p]
        if not parts:
            return ""
        first = parts[0].rstrip("/") if len(parts) > 1 else parts[0]
        rest = [p.strip("/") for p in parts[1:]]
        joined = "/".join([first, *rest])
        return "/" + joined.lstrip("/") if unstrip else joined

    def get_random_local_path(self, file_path_or_file_name: str | None = None) -> str:
        folder = os.path.join(self._local_sandbox_dir, "local_flytekit", self.get_random_string())
        name = os.path.basename(file_path_or_file_name) if file_path_or_file_name else ""
        return os.path.join(folder, name) if name else folder

    def get_random_local_directory(self) -> str:
        path = self.get_random_local_path()
        Path(path).mkdir(parents=True, exist_ok=True)
        return path

    def get_random_remote_path(self, file_path_or_file_name: str | None = None) -> str:
        base = self.join(self._raw_output_prefix, self.get_random_string())
        name = os.path.basename(file_path_or_file_name) if file_path_or_file_name else ""
        return self.join(base, name) if name else base

    def generate_new_custom_path(self, alt: str | None = None, stem: str | None = None) -> str:
        """A new path beside the raw output prefix's last segment: ``<prefix minus last>/<stem or random>``;
        ``alt`` replaces the bucket (the segment after ``scheme://``)."""
        parts = self._raw_output_prefix.split("/")[:-1]
        if alt:
            if len(parts) < 3:
                raise ValueError(
                    f"Cannot replace the bucket of raw output prefix {self._raw_output_prefix!r}"
                )
            parts[2] = alt
        parts.append(stem or self.get_random_string())
        return "/".join(parts)

    def list_children(self, path: str) -> list[tuple[str, bool]]:
        """``(name, is_folder)`` of the entries right inside folder/prefix ``path``, sorted by name."""
        if _scheme(path) == "s3":
            children: dict[str, bool] = {}
            for _key, relative in self._s3_keys(path):
                head, sep, _rest = relative.partition("/")
                children[head] = children.get(head, False) or bool(sep)
            return sorted(children.items())
        local = _local_path(path)
        return sorted((name, os.path.isdir(os.path.join(local, name))) for name in os.listdir(local))

    def get_random_remote_directory(self) -> str:
        """A fresh folder URI under the raw output prefix (nothing is created: object stores have no folders)."""
        return self.get_random_remote_path()

    def put_raw_data(
        self,
        lpath: str | os.PathLike[str] | bytes,
        upload_prefix: str | None = None,
        file_name: str | None = None,
        skip_raw_data_prefix: bool = False,
    ) -> str:
        """Upload a local file or folder (or bytes) to ``<raw output prefix>/<upload_prefix>/<file_name>``.

        ``upload_prefix`` defaults to a random string, ``file_name`` to the path's last part (a random
        string for bytes); returns where the data went.
        """
        prefix = self.get_random_string() if upload_prefix is None else upload_prefix
        to_path = prefix if skip_raw_data_prefix else self.join(self._raw_output_prefix, prefix)
        if isinstance(lpath, bytes):
            return self.write_bytes(self.join(to_path, file_name or self.get_random_string()), lpath)
        local = _local_path(os.fspath(lpath))
        if not os.path.exists(local):
            raise FlyteDataAccessException(f"File {local} does not exist; nothing to upload.")
        to_path = self.join(to_path, file_name or os.path.basename(local.rstrip("/")))
        return self.put_data(local, to_path, is_multipart=os.path.isdir(local))

    # ---- S3
    def _s3_client(self) -> S3Client:
        if self._s3 is None:
            import boto3  # lazily: keeps `import flytekit` free of boto3
            from botocore.config import Config as BotoConfig

            cfg = self._data_config.s3
            # S3-compatible servers (minio, moto, the sandbox) are reached by IP or plain host names, where
            # virtual-host addressing cannot work; path style unless the settings say otherwise.
            style = cfg.adressing_style or ("path" if cfg.endpoint else "auto")
            s3_options: Any = {"addressing_style": style}
            kwargs: dict[str, Any] = {
                "config": BotoConfig(s3=s3_options, retries={"max_attempts": max(cfg.retries, 1)})
            }
            if cfg.endpoint:
                kwargs["endpoint_url"] = cfg.endpoint
                kwargs["region_name"] = (
                    os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
                )
            if cfg.access_key_id:
                kwargs["aws_access_key_id"] = cfg.access_key_id
            if cfg.secret_access_key:
                kwargs["aws_secret_access_key"] = cfg.secret_access_key
            self._s3 = boto3.client("s3", **kwargs)
        return self._s3

    def _s3_keys(self, uri: str) -> list[tuple[str, str]]:
        bucket, prefix = _split_s3(uri)
        prefix = prefix.rstrip("/") + "/" if prefix else ""
        keys: list[tuple[str, str]] = []
        paginator = self._s3_client().get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            for obj in page.get("Contents", []):
                keys.append((obj["Key"], obj["Key"][len(prefix) :]))
        return keys

    # ---- queries
    def exists(self, path: str) -> bool:
        scheme = _scheme(path)
        try:
            if scheme == "s3":
                bucket, key = _split_s3(path)
                resp = self._s3_client().list_objects_v2(Bucket=bucket, Prefix=key, MaxKeys=1)
                return bool(resp.get("Contents"))
            if scheme in ("http", "https"):
                raise FlyteDataAccessException(f"Cannot check whether {path} exists: URLs are download-only.")
        except FlyteDataAccessException:
            raise
        except Exception as exc:
            raise FlyteDataAccessException(f"Failed to check whether {path} exists: {exc}") from exc
        return os.path.exists(_local_path(path))

    # ---- bytes
    def read_bytes(self, path: str) -> bytes:
        scheme = _scheme(path)
        try:
            if scheme == "s3":
                bucket, key = _split_s3(path)
                return self._s3_client().get_object(Bucket=bucket, Key=key)["Body"].read()
            if scheme in ("http", "https"):
                import urllib.request  # lazily: pulls in ssl and http.client

                with urllib.request.urlopen(path, timeout=60) as resp:
                    data: bytes = resp.read()
                    return data
            return Path(_local_path(path)).read_bytes()
        except Exception as exc:
            raise FlyteDataAccessException(f"Failed to read {path}: {exc}") from exc

    def write_bytes(self, path: str, data: bytes) -> str:
        scheme = _scheme(path)
        try:
            if scheme == "s3":
                bucket, key = _split_s3(path)
                self._s3_client().put_object(Bucket=bucket, Key=key, Body=data)
            elif scheme in ("http", "https"):
                raise FlyteDataAccessException(f"Cannot write to {path}: URLs are download-only here.")
            else:
                local = Path(_local_path(path))
                local.parent.mkdir(parents=True, exist_ok=True)
                local.write_bytes(data)
        except FlyteDataAccessException:
            raise
        except Exception as exc:
            raise FlyteDataAccessException(f"Failed to write {path}: {exc}") from exc
        return path

    # ---- files and folders
    def get_data(self, remote_path: str, local_path: str, is_multipart: bool = False) -> str:
        """Copy ``remote_path`` (a file, or a folder/prefix when ``is_multipart``) to ``local_path``."""
        import shutil

        logger.debug("Downloading %s to %s", remote_path, local_path)
        scheme = _scheme(remote_path)
        try:
            if scheme == "s3" and is_multipart:
                bucket, _ = _split_s3(remote_path)
                for key, relative in self._s3_keys(remote_path):
                    target = Path(local_path, relative)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    self._s3_client().download_file(bucket, key, str(target))
            elif scheme in ("s3", "http", "https"):
                Path(local_path).parent.mkdir(parents=True, exist_ok=True)
                Path(local_path).write_bytes(self.read_bytes(remote_path))
            else:
                source = Path(_local_path(remote_path))
                if is_multipart or source.is_dir():
                    shutil.copytree(source, local_path, dirs_exist_ok=True)
                else:
                    Path(local_path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, local_path)
        except FlyteDataAccessException:
            raise
        except Exception as exc:
            raise FlyteDataAccessException(
                f"Failed to download {remote_path} to {local_path}: {exc}"
            ) from exc
        return local_path

    def put_data(self, local_path: str, remote_path: str, is_multipart: bool = False) -> str:
        """Copy ``local_path`` (a file, or a folder when ``is_multipart``) to ``remote_path``; returns it."""
        import shutil

        logger.debug("Uploading %s to %s", local_path, remote_path)
        scheme = _scheme(remote_path)
        source = Path(_local_path(local_path))
        try:
            if scheme == "s3":
                bucket, key = _split_s3(remote_path)
                if is_multipart or source.is_dir():
                    for file in sorted(p for p in source.rglob("*") if p.is_file()):
                        rel = file.relative_to(source).as_posix()
                        self._s3_client().upload_file(str(file), bucket, f"{key.rstrip('/')}/{rel}")
                else:
                    self._s3_client().upload_file(str(source), bucket, key)
            elif scheme in ("http", "https"):
                raise FlyteDataAccessException(
                    f"Cannot upload to {remote_path}: URLs are download-only here."
                )
            else:
                target = Path(_local_path(remote_path))
                if is_multipart or source.is_dir():
                    shutil.copytree(source, target, dirs_exist_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
        except FlyteDataAccessException:
            raise
        except Exception as exc:
            raise FlyteDataAccessException(f"Failed to upload {local_path} to {remote_path}: {exc}") from exc
        return remote_path

    # flytekit's shorter names
    def download(self, remote_path: str, local_path: str) -> str:
        return self.get_data(remote_path, local_path)

    def upload(self, file_path: str, to_path: str) -> str:
        return self.put_data(file_path, to_path)

    def download_directory(self, remote_path: str, local_path: str) -> str:
        return self.get_data(remote_path, local_path, is_multipart=True)

    def upload_directory(self, local_path: str, remote_path: str) -> str:
        return self.put_data(local_path, remote_path, is_multipart=True)


def default_local_file_access_provider() -> FileAccessProvider:
    """A provider over a fresh temporary folder, with raw outputs under ``<tmp>/raw``."""
    import tempfile

    sandbox = tempfile.mkdtemp(prefix="flyte-")
    return FileAccessProvider(local_sandbox_dir=sandbox, raw_output_prefix=os.path.join(sandbox, "raw"))
