"""DataProxyService: signed URLs to upload code/data and to download decks.

Uploads land at ``<base>/<upload prefix>/<project>/<domain>/<root>/<filename>`` where ``root`` is the
client's ``filename_root`` or the base32 of the content MD5 (so identical files share a location).
A store that can sign URLs (S3) signs them; for the local store admin hands out URLs to its own HTTP
server (``/api/v1/dataproxy/blobs/<key>``), HMAC-signed and expiring, and checks Content-MD5 when it
receives the bytes (``accept_upload``) or serves them (``serve_download``).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import string
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from flyteadmin.errors import AlreadyExists, InternalError, InvalidArgument, NotFound
from flyteadmin.repositories import UnitOfWorkFactory
from flyteadmin.services.signing import UrlSigner
from flyteadmin.services.validation import require
from flyteadmin.settings import AdminSettings
from flyteidl.core import identifier_pb2
from flyteidl.service import dataproxy_pb2
from flytestdlib import errors as stdlib_errors
from flytestdlib.storage import BlobStore

__all__ = ["BLOB_ROUTE", "DataProxyService"]

logger = logging.getLogger(__name__)

BLOB_ROUTE = "/api/v1/dataproxy/blobs"
_FILENAME_ALPHABET = string.ascii_lowercase + string.digits


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class DataProxyService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        store: BlobStore,
        settings: AdminSettings,
        signer: UrlSigner,
        public_url: Callable[[], str],
    ) -> None:
        self._uow = uow
        self._store = store
        self._settings = settings.data_proxy
        self._signer = signer
        self._public_url = public_url

    # -- uploads ---------------------------------------------------------------------------------

    def create_upload_location(
        self, request: dataproxy_pb2.CreateUploadLocationRequest
    ) -> dataproxy_pb2.CreateUploadLocationResponse:
        require(request.project, "project")
        require(request.domain, "domain")
        if not request.filename_root and not request.content_md5:
            raise InvalidArgument("content_md5 or filename_root is required to create an upload location")
        if request.content_md5 and len(request.content_md5) != 16:
            raise InvalidArgument(
                "invalid value for content_md5: it must be the 16-byte MD5 digest of the file."
            )
        expires_in = self._expires_in(
            request.expires_in.ToTimedelta() if request.HasField("expires_in") else None,
            self._settings.upload_max_expires_in,
        )
        root = request.filename_root or base64.b32encode(request.content_md5).decode()
        filename = request.filename or "".join(
            secrets.choice(_FILENAME_ALPHABET) for _ in range(self._settings.default_filename_length)
        )
        parts = [
            self._settings.upload_storage_prefix,
            request.org,
            request.project,
            request.domain,
            root,
            filename,
        ]
        uri = self._store.join(*(part for part in parts if part))
        if request.filename and request.filename_root:
            self._check_existing(uri, request.content_md5)
        expires_at = datetime.now(UTC) + expires_in
        signed = self._store.presign(
            uri, method="PUT", expires_in=expires_in, content_md5=request.content_md5 or None
        )
        if signed is not None:
            url, headers = signed.url, dict(signed.headers)
        else:
            url = self._admin_url("PUT", uri, expires_at, request.content_md5)
            headers = {"Content-MD5": _b64(request.content_md5)} if request.content_md5 else {}
        response = dataproxy_pb2.CreateUploadLocationResponse(signed_url=url, native_url=uri, headers=headers)
        response.expires_at.FromDatetime(expires_at)
        logger.info("Issued an upload URL for %s.", uri)
        return response

    def _check_existing(self, uri: str, content_md5: bytes) -> None:
        info = self._store.head(uri)
        if info is None:
            return
        if not content_md5 or info.md5 != content_md5:
            raise AlreadyExists(
                f"file already exists at location [{uri}], specify a matching hash if you wish to rewrite"
            )

    def _expires_in(self, requested: timedelta | None, maximum: timedelta) -> timedelta:
        if requested is None or requested <= timedelta(0):
            return maximum
        if requested > maximum:
            raise InvalidArgument(
                f"invalid value for expires_in: {requested} is longer than the allowed maximum {maximum}."
            )
        return requested

    def _key(self, uri: str) -> str:
        base = self._store.base.rstrip("/") + "/"
        if not uri.startswith(base):
            raise InvalidArgument(f"{uri} is outside the blob store {self._store.base}")
        return uri[len(base) :]

    def _admin_url(self, method: str, uri: str, expires_at: datetime, content_md5: bytes) -> str:
        key = self._key(uri)
        expires = int(expires_at.timestamp())
        md5 = _b64(content_md5) if content_md5 else ""
        query = {
            "expires": str(expires),
            "md5": md5,
            "signature": self._signer.signature(method, key, expires, md5),
        }
        return f"{self._public_url().rstrip('/')}{BLOB_ROUTE}/{quote(key)}?{urlencode(query)}"

    def accept_upload(
        self, key: str, *, expires: int, md5: str, signature: str, body: bytes, content_md5_header: str | None
    ) -> None:
        """Store an upload sent to an admin-signed URL (after checking signature, expiry and MD5)."""
        self._signer.verify("PUT", key, expires, md5, signature)
        actual = hashlib.md5(body).digest()
        for declared, source in (
            (md5, "the signed URL"),
            (content_md5_header or "", "the Content-MD5 header"),
        ):
            if declared and declared != _b64(actual):
                raise InvalidArgument(
                    f"The uploaded data does not match the MD5 in {source} ({declared} != {_b64(actual)}); "
                    "the upload was corrupted or the wrong file was sent."
                )
        uri = self._store.join(key)
        try:
            self._store.write(uri, body, content_md5=actual)
        except stdlib_errors.StorageError as error:
            raise InternalError(f"Could not store the upload at {uri}: {error}") from error
        logger.info("Stored upload %s (%d bytes).", uri, len(body))

    # -- downloads -------------------------------------------------------------------------------

    def create_download_link(
        self, request: dataproxy_pb2.CreateDownloadLinkRequest
    ) -> dataproxy_pb2.CreateDownloadLinkResponse:
        if request.artifact_type != dataproxy_pb2.ARTIFACT_TYPE_DECK:
            raise InvalidArgument(
                "invalid value for artifact_type: only ARTIFACT_TYPE_DECK can be downloaded."
            )
        if not request.HasField("node_execution_id"):
            raise InvalidArgument("missing node_execution_id")
        node_id: identifier_pb2.NodeExecutionIdentifier = request.node_execution_id
        with self._uow() as uow:
            node = uow.node_executions.get(node_id)
        deck_uri = node.closure.deck_uri
        if not deck_uri or not self._store.exists(deck_uri):
            raise NotFound(f"Node execution {node_id.node_id} of {node_id.execution_id.name} has no deck.")
        expires_in = self._expires_in(
            request.expires_in.ToTimedelta() if request.HasField("expires_in") else None,
            self._settings.download_max_expires_in,
        )
        expires_at = datetime.now(UTC) + expires_in
        signed = self._store.presign(deck_uri, method="GET", expires_in=expires_in)
        url = signed.url if signed is not None else self._admin_url("GET", deck_uri, expires_at, b"")
        response = dataproxy_pb2.CreateDownloadLinkResponse(signed_url=[url])
        response.expires_at.FromDatetime(expires_at)
        response.pre_signed_urls.signed_url.append(url)
        response.pre_signed_urls.expires_at.FromDatetime(expires_at)
        return response

    def serve_download(self, key: str, *, expires: int, signature: str) -> bytes:
        """The bytes behind an admin-signed GET URL."""
        self._signer.verify("GET", key, expires, "", signature)
        try:
            return self._store.read(self._store.join(key))
        except stdlib_errors.BlobNotFound as error:
            raise NotFound(f"There is no blob at {key}.") from error
