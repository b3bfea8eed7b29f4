"""The gRPC servicers: the generated service bases with each served RPC bound to its handler.

RPCs admin does not serve keep the generated behaviour (UNIMPLEMENTED). The AuthMetadataService and
IdentityService are not registered at all while authentication is off, as in Flyte; flytekit treats
their UNIMPLEMENTED answers as "no auth".
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from google.protobuf.message import Message

from flyteadmin.api.grpc.status import abort_with
from flyteadmin.api.handlers import Handler
from flyteidl.service import admin_pb2_grpc, dataproxy_pb2_grpc, signal_pb2_grpc

__all__ = ["add_servicers"]

logger = logging.getLogger(__name__)


def _unary(name: str, handler: Handler) -> Callable[[Any, Any], Message]:
    def serve(request: Any, context: Any) -> Message:
        try:
            return handler(request)
        except Exception as error:
            logger.debug("%s failed: %s", name, error)
            abort_with(context, error)

    serve.__name__ = name
    return serve


def _bind(servicer: object, handlers: Mapping[str, Handler]) -> object:
    for name, handler in handlers.items():
        if not hasattr(servicer, name):
            raise ValueError(f"{type(servicer).__name__} has no RPC named {name}")
        setattr(servicer, name, _unary(name, handler))
    return servicer


def add_servicers(
    server: Any,
    admin: Mapping[str, Handler],
    data_proxy: Mapping[str, Handler],
    signal: Mapping[str, Handler],
) -> None:
    """Register AdminService, DataProxyService and SignalService on ``server``."""
    admin_pb2_grpc.add_AdminServiceServicer_to_server(  # type: ignore[no-untyped-call]
        _bind(admin_pb2_grpc.AdminServiceServicer(), admin), server
    )
    dataproxy_pb2_grpc.add_DataProxyServiceServicer_to_server(  # type: ignore[no-untyped-call]
        _bind(dataproxy_pb2_grpc.DataProxyServiceServicer(), data_proxy), server
    )
    signal_pb2_grpc.add_SignalServiceServicer_to_server(  # type: ignore[no-untyped-call]
        _bind(signal_pb2_grpc.SignalServiceServicer(), signal), server
    )
