"""DataProxyService: signed upload URLs served by admin for the local store (HTTP PUT with MD5 and an
expiring HMAC token), the S3 store's own presigned URLs, and deck download links."""

from __future__ import annotations

import base64
import hashlib
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import grpc  # type: ignore[import-untyped]
import httpx
import pytest
from google.protobuf.duration_pb2 import Duration

from flyteadmin.executors import StoreWorkflowExecutor
from flyteadmin.main import build_admin
from flyteadmin.migrations import upgrade
from flyteadmin.repositories import Database
from flyteidl.admin import node_execution_pb2
from flyteidl.core import identifier_pb2
from flyteidl.service import dataproxy_pb2
from flytestdlib.flyteworkflow import SqlWorkflowStore
from flytestdlib.storage import S3BlobStore
from tests.admin.builders import DOMAIN, NODE_PHASE, PROJECT, execution_request, int_literal, node_event
from tests.admin.conftest import RunningAdmin, admin_settings
from tests.admin.test_registration import register_basics, rpc_error
from tests.services.s3 import S3Bucket, S3Server

CONTENT = b"fast-registered code\n"
MD5 = hashlib.md5(CONTENT).digest()


def _location(admin: RunningAdmin, **fields: object) -> dataproxy_pb2.CreateUploadLocationResponse:
    request = dataproxy_pb2.CreateUploadLocationRequest(project=PROJECT, domain=DOMAIN, **fields)  # type: ignore[arg-type]
    response: dataproxy_pb2.CreateUploadLocationResponse = admin.data_proxy.CreateUploadLocation(request)
    return response


def test_upload_through_the_signed_url(running_admin: RunningAdmin) -> None:
    location = _location(running_admin, filename="fast123.tar.gz", content_md5=MD5)
    root = base64.b32encode(MD5).decode()
    assert location.native_url == running_admin.blobs.join("uploads", PROJECT, DOMAIN, root, "fast123.tar.gz")
    assert location.signed_url.startswith(running_admin.base_url)
    headers = {"Content-MD5": base64.b64encode(MD5).decode(), **location.headers}
    response = httpx.put(location.signed_url, content=CONTENT, headers=headers)
    assert response.status_code == 200, response.text
    assert running_admin.blobs.read(location.native_url) == CONTENT

    # the same file again is fine; a different file at the same name/root is refused
    _location(running_admin, filename="fast123.tar.gz", filename_root=root, content_md5=MD5)
    other = hashlib.md5(b"other").digest()
    error = rpc_error(
        running_admin.data_proxy.CreateUploadLocation,
        dataproxy_pb2.CreateUploadLocationRequest(
            project=PROJECT, domain=DOMAIN, filename="fast123.tar.gz", filename_root=root, content_md5=other
        ),
    )
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS


def test_upload_refuses_bad_md5_tampering_and_expired_urls(running_admin: RunningAdmin) -> None:
    location = _location(running_admin, filename="data.bin", content_md5=MD5)
    corrupted = httpx.put(location.signed_url, content=b"something else")
    assert corrupted.status_code == 400 and "MD5" in corrupted.json()["message"]
    url = urlparse(location.signed_url)
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    tampered = url._replace(path=url.path.replace("data.bin", "evil.bin")).geturl()
    assert httpx.put(tampered, content=CONTENT).status_code == 401
    query["expires"] = str(int(time.time()) - 5)
    assert httpx.put(url._replace(query=urlencode(query)).geturl(), content=CONTENT).status_code == 401
    assert not running_admin.blobs.exists(location.native_url)

    short = _location(
        running_admin, filename="later.bin", filename_root="grp", expires_in=Duration(seconds=1)
    )
    time.sleep(1.2)  # the URL must outlive its one-second lifetime (expiry is checked in whole seconds)
    assert httpx.put(short.signed_url, content=CONTENT).status_code == 401

    error = rpc_error(
        running_admin.data_proxy.CreateUploadLocation,
        dataproxy_pb2.CreateUploadLocationRequest(project=PROJECT, domain=DOMAIN, filename="x"),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    error = rpc_error(
        running_admin.data_proxy.CreateUploadLocation,
        dataproxy_pb2.CreateUploadLocationRequest(
            project=PROJECT, domain=DOMAIN, filename_root="r", expires_in=Duration(seconds=7200)
        ),
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "expires_in" in error.details()


def test_uploads_without_md5_use_a_random_name_under_the_root(running_admin: RunningAdmin) -> None:
    location = _location(running_admin, filename_root="some-root")
    assert "/uploads/flytesnacks/development/some-root/" in location.native_url
    assert len(location.native_url.rsplit("/", 1)[1]) == 20
    assert httpx.put(location.signed_url, content=b"abc").status_code == 200
    assert running_admin.blobs.read(location.native_url) == b"abc"


def test_deck_download_link(running_admin: RunningAdmin) -> None:
    _, _, launch_plan_id = register_basics(running_admin)
    execution_id = running_admin.admin.CreateExecution(
        execution_request(launch_plan_id, "decks", x=int_literal(1))
    ).id
    deck_uri = running_admin.blobs.join("metadata", "propeller", "decks", "n0", "data", "0", "deck.html")
    running_admin.blobs.write(deck_uri, b"<html>deck</html>")
    running_admin.admin.CreateNodeEvent(node_event(execution_id, "n0", NODE_PHASE.RUNNING, deck_uri=deck_uri))
    node_id = identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=execution_id)
    link = running_admin.data_proxy.CreateDownloadLink(
        dataproxy_pb2.CreateDownloadLinkRequest(
            artifact_type=dataproxy_pb2.ARTIFACT_TYPE_DECK, node_execution_id=node_id
        )
    )
    [url] = link.pre_signed_urls.signed_url
    response = httpx.get(url)
    assert response.status_code == 200 and response.text == "<html>deck</html>"
    assert httpx.get(url.replace("signature=", "signature=0")).status_code == 401
    data = running_admin.admin.GetNodeExecutionData(
        node_execution_pb2.NodeExecutionGetDataRequest(id=node_id)
    )
    assert data.flyte_urls.deck.endswith("/decks/n0/d")
    missing = identifier_pb2.NodeExecutionIdentifier(node_id="n9", execution_id=execution_id)
    error = rpc_error(
        running_admin.data_proxy.CreateDownloadLink,
        dataproxy_pb2.CreateDownloadLinkRequest(
            artifact_type=dataproxy_pb2.ARTIFACT_TYPE_DECK, node_execution_id=missing
        ),
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.integration
def test_s3_store_presigns_uploads_itself(tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    store = S3BlobStore(
        s3_bucket.name,
        endpoint_url=s3_server.endpoint_url,
        region=s3_server.region,
        access_key_id=s3_server.access_key_id,
        secret_access_key=s3_server.secret_access_key,
    )
    settings = admin_settings(tmp_path)
    upgrade(settings.database_url)
    database = Database(settings.database_url)
    app = build_admin(
        settings, executor=StoreWorkflowExecutor(SqlWorkflowStore(database.write_engine)), blobs=store
    )
    try:
        location = app.services.data_proxy.create_upload_location(
            dataproxy_pb2.CreateUploadLocationRequest(
                project=PROJECT, domain=DOMAIN, filename="f.tgz", content_md5=MD5
            )
        )
        assert location.native_url.startswith(f"s3://{s3_bucket.name}/uploads/")
        headers = {"Content-MD5": base64.b64encode(MD5).decode(), **location.headers}
        assert httpx.put(location.signed_url, content=CONTENT, headers=headers).status_code == 200
        assert store.read(location.native_url) == CONTENT
    finally:
        app.stop()
        database.dispose()
