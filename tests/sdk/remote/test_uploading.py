"""PUT to signed URLs: headers sent, status handling, ``file://`` targets."""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flytekit.errors import FlyteDataAccessException
from flytekit.remote.uploading import put_file


class _Recorder(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str], bytes]] = []
    status = 201

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, dict(self.headers.items()), body))
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b"denied" if type(self).status >= 400 else b"")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def http_server() -> Iterator[tuple[str, type[_Recorder]]]:
    handler = type("Recorder", (_Recorder,), {"received": [], "status": 201})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


def test_put_sends_content_md5_and_extra_headers(
    http_server: tuple[str, type[_Recorder]], tmp_path: Path
) -> None:
    base, handler = http_server
    file = tmp_path / "fastabc.tar.gz"
    file.write_bytes(b"archive bytes")
    digest = hashlib.md5(b"archive bytes").digest()
    put_file(file, f"{base}/upload/x?sig=1", digest, {"X-Extra": "yes"})
    path, headers, body = handler.received[0]
    assert path == "/upload/x?sig=1"
    assert body == b"archive bytes"
    assert headers["Content-MD5"] == base64.b64encode(digest).decode()
    assert headers["Content-Length"] == str(len(b"archive bytes"))
    assert headers["X-Extra"] == "yes"


def test_rejected_put_names_status_and_body(http_server: tuple[str, type[_Recorder]], tmp_path: Path) -> None:
    base, handler = http_server
    handler.status = 403
    file = tmp_path / "f.txt"
    file.write_text("x")
    with pytest.raises(FlyteDataAccessException, match="HTTP 403: denied"):
        put_file(file, f"{base}/u", hashlib.md5(b"x").digest())


def test_file_urls_are_copied(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("hello")
    target = tmp_path / "store" / "deep" / "a.txt"
    put_file(source, target.as_uri(), b"")
    assert target.read_text() == "hello"


def test_other_schemes_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("hello")
    with pytest.raises(FlyteDataAccessException, match="only http"):
        put_file(source, "s3://bucket/a.txt", b"")
