"""The S3 server answers the real protocol over HTTP: boto3 object calls and presigned URLs."""

from __future__ import annotations

import urllib.request

import httpx
import pytest

from tests.services.s3 import S3Bucket, S3Server

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_boto3_put_get_list_delete(s3_bucket: S3Bucket) -> None:
    name, client = s3_bucket
    client.put_object(Bucket=name, Key="metadata/run-1/inputs.pb", Body=b"\x0a\x01x")
    client.put_object(Bucket=name, Key="metadata/run-1/outputs.pb", Body=b"")
    client.put_object(Bucket=name, Key="other/file.txt", Body=b"hello")

    assert client.get_object(Bucket=name, Key="metadata/run-1/inputs.pb")["Body"].read() == b"\x0a\x01x"
    listed = client.list_objects_v2(Bucket=name, Prefix="metadata/")
    assert [item["Key"] for item in listed["Contents"]] == [
        "metadata/run-1/inputs.pb",
        "metadata/run-1/outputs.pb",
    ]

    client.delete_object(Bucket=name, Key="other/file.txt")
    remaining = client.list_objects_v2(Bucket=name)
    assert {item["Key"] for item in remaining["Contents"]} == {
        "metadata/run-1/inputs.pb",
        "metadata/run-1/outputs.pb",
    }
    with pytest.raises(client.exceptions.NoSuchKey):
        client.get_object(Bucket=name, Key="other/file.txt")


def test_presigned_urls_work_with_plain_http_clients(s3_bucket: S3Bucket) -> None:
    name, client = s3_bucket
    put_url = client.generate_presigned_url(
        "put_object", Params={"Bucket": name, "Key": "uploads/data.bin"}, ExpiresIn=300
    )
    response = httpx.put(put_url, content=b"uploaded with httpx", timeout=10)
    assert response.status_code == 200, response.text
    assert client.get_object(Bucket=name, Key="uploads/data.bin")["Body"].read() == b"uploaded with httpx"

    get_url = client.generate_presigned_url(
        "get_object", Params={"Bucket": name, "Key": "uploads/data.bin"}, ExpiresIn=300
    )
    with urllib.request.urlopen(get_url, timeout=10) as download:
        assert download.read() == b"uploaded with httpx"


def test_server_listens_on_loopback_and_buckets_are_per_test(
    s3_server: S3Server, s3_bucket: S3Bucket
) -> None:
    assert s3_server.endpoint_url.startswith("http://127.0.0.1:")
    client = s3_server.client()
    try:
        buckets = [bucket["Name"] for bucket in client.list_buckets()["Buckets"]]
    finally:
        client.close()
    assert buckets == [s3_bucket.name]  # the buckets of earlier tests are gone
