"""The admin gRPC server: AdminService and DataProxyService on a thread pool."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent import futures
from typing import Any

import grpc  # type: ignore[import-untyped]

from flyteadmin.api.grpc.servicers import add_servicers
from flyteadmin.api.handlers import Handler

__all__ = ["build_grpc_server"]

# Compiled closures and literal maps can be large; Flyte's admin also raises the default 4 MiB cap.
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def build_grpc_server(
    admin: Mapping[str, Handler],
    data_proxy: Mapping[str, Handler],
    signal: Mapping[str, Handler] | None = None,
    *,
    max_workers: int = 32,
) -> Any:
    """An unstarted ``grpc.Server`` serving the given handlers (the caller binds ports and starts it)."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="admin-grpc"),
        options=[
            ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
            # gRPC turns SO_REUSEPORT on by default, which would let a second admin bind the same
            # port and silently share its traffic; a taken port must be an error instead.
            ("grpc.so_reuseport", 0),
        ],
    )
    add_servicers(server, admin, data_proxy, signal or {})
    return server
