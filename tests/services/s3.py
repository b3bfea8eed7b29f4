"""An S3-compatible server on loopback (moto's server mode) for tests that speak the real S3 protocol.

``MotoS3Service`` serves moto's WSGI app from a thread of this process on 127.0.0.1 and a port the
OS picks; clients reach it over HTTP exactly as they would reach S3 (no in-process patching of
botocore). ``S3Server`` is the value tests pass around; ``create_bucket``/``empty_and_delete_bucket``
give each test its own bucket. moto accepts any credentials and does not check signatures.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from moto.server import ThreadedMotoServer
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.type_defs import ObjectIdentifierTypeDef

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class S3Server:
    """Where the S3 endpoint listens and the credentials to sign requests with."""

    endpoint_url: str
    access_key_id: str = "testing"
    secret_access_key: str = "testing"
    region: str = "us-east-1"

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``boto3.client("s3", ...)`` (also usable for other S3 clients)."""
        from botocore.config import Config

        return {
            "endpoint_url": self.endpoint_url,
            "aws_access_key_id": self.access_key_id,
            "aws_secret_access_key": self.secret_access_key,
            "region_name": self.region,
            # Path-style: bucket names are not resolvable host names on loopback.
            "config": Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        }

    def client(self) -> S3Client:
        import boto3

        return boto3.client("s3", **self.client_kwargs())


class S3Bucket(NamedTuple):
    """A bucket made for one test and a client for it (unpacks as ``name, client``)."""

    name: str
    client: S3Client


class MotoS3Service:
    """Owns one moto server thread: ``start()`` it, ``stop()`` it."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._moto: ThreadedMotoServer | None = None
        self._server: S3Server | None = None

    @property
    def server(self) -> S3Server:
        if self._server is None:
            raise RuntimeError("The S3 server is not running; call start() first.")
        return self._server

    def start(self) -> S3Server:
        from moto.server import ThreadedMotoServer

        # werkzeug logs every request at INFO to stderr; keep failures' captured output readable.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        # Port 0: the OS picks a free port at bind time, so there is no race to retry.
        self._moto = ThreadedMotoServer(ip_address=self._host, port=0, verbose=False)
        self._moto.start()
        host, port = self._moto.get_host_and_port()
        self._server = S3Server(endpoint_url=f"http://{host}:{port}")
        logger.info("Started moto S3 server at %s", self._server.endpoint_url)
        return self._server

    def stop(self) -> None:
        """Shut the server down and join its thread. Idempotent."""
        moto, self._moto, self._server = self._moto, None, None
        if moto is not None:
            moto.stop()

    def __enter__(self) -> S3Server:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def create_bucket(client: S3Client, name: str) -> None:
    client.create_bucket(Bucket=name)


def empty_and_delete_bucket(client: S3Client, name: str) -> None:
    """Delete every object version and the bucket itself (S3 refuses to drop a non-empty bucket)."""
    paginator = client.get_paginator("list_object_versions")
    for page in paginator.paginate(Bucket=name):
        keys: list[ObjectIdentifierTypeDef] = [
            {"Key": item["Key"], "VersionId": item["VersionId"]}
            for item in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]
        ]
        if keys:
            client.delete_objects(Bucket=name, Delete={"Objects": keys, "Quiet": True})
    client.delete_bucket(Bucket=name)
