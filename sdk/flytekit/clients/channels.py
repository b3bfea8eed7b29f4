"""Build the gRPC channel to admin from a ``PlatformConfig``.

Accepted endpoints: ``host:port``, ``dns:///host:port`` (kept as a gRPC target) and
``http(s)://host:port`` (scheme dropped; ``http`` implies no TLS). ``insecure`` gives a plaintext
channel; otherwise TLS with the system roots, ``ca_cert_file_path`` if set, or -- with
``insecure_skip_verify`` -- whatever certificate the server presents.
"""

from __future__ import annotations

import importlib
import logging
import ssl
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class ChannelTarget:
    """Where and how to connect: the gRPC target string and whether TLS is used."""

    target: str
    insecure: bool
    host_port: str


def parse_endpoint(endpoint: str, insecure: bool) -> ChannelTarget:
    """Normalise a configured admin endpoint; raises ``ValueError`` naming the setting when empty."""
    text = endpoint.strip()
    if not text:
        raise ValueError(
            "The admin endpoint is empty; set admin.endpoint in the config file or FLYTE_PLATFORM_URL."
        )
    if text.startswith("http://"):
        text, insecure = text[len("http://") :], True
    elif text.startswith("https://"):
        text = text[len("https://") :]
    text = text.rstrip("/")
    host_port = text.split("///", 1)[1] if text.startswith("dns:///") else text
    return ChannelTarget(target=text, insecure=insecure, host_port=host_port)


def _server_certificate(host_port: str) -> bytes:
    host, _, port = host_port.rpartition(":")
    return ssl.get_server_certificate((host, int(port))).encode("ascii")


def create_channel(config: Any) -> tuple[Any, ChannelTarget]:
    """Open a channel to ``config.endpoint`` (a ``PlatformConfig``); nothing is sent until the first RPC."""
    grpc = importlib.import_module("grpc")
    target = parse_endpoint(str(config.endpoint), bool(getattr(config, "insecure", False)))
    options = [
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ]
    if target.insecure:
        logger.debug("opening plaintext gRPC channel to %s", target.target)
        return grpc.insecure_channel(target.target, options=options), target
    root_certificates: bytes | None = None
    ca_path = getattr(config, "ca_cert_file_path", None)
    if ca_path:
        with open(ca_path, "rb") as handle:
            root_certificates = handle.read()
    elif getattr(config, "insecure_skip_verify", False):
        root_certificates = _server_certificate(target.host_port)
    credentials = grpc.ssl_channel_credentials(root_certificates=root_certificates)
    logger.debug("opening TLS gRPC channel to %s", target.target)
    return grpc.secure_channel(target.target, credentials, options=options), target
