"""Turning raised errors into gRPC statuses, with Flyte's error details attached.

Admin errors carry protobuf details (e.g. ``EventFailureReason``); they travel as a ``google.rpc.Status``
in the ``grpc-status-details-bin`` trailer, which is where grpc clients (and flytekit/propeller) look.
Anything else is a bug: it is logged with its traceback and answered INTERNAL.
"""

from __future__ import annotations

import logging
from typing import Any, NamedTuple, NoReturn

import grpc  # type: ignore[import-untyped]
from google.protobuf import any_pb2
from google.rpc import status_pb2  # type: ignore[import-untyped]

from flyteadmin.errors import AdminError

__all__ = ["DETAILS_KEY", "abort_with", "status_proto"]

logger = logging.getLogger(__name__)

# Flyte truncates longer messages (and drops their details) the same way.
_MAX_MESSAGE_BYTES = 32000
DETAILS_KEY = "grpc-status-details-bin"


class _Status(NamedTuple):
    """A ``grpc.Status`` (the interface is duck-typed: code, details, trailing_metadata)."""

    code: Any
    details: str
    trailing_metadata: tuple[tuple[str, str | bytes], ...]


def status_proto(error: AdminError) -> Any:
    """The ``google.rpc.Status`` of ``error``, details packed as ``Any``."""
    code = grpc.StatusCode[error.code_name]
    status = status_pb2.Status(code=code.value[0], message=error.message)
    for detail in error.details:
        packed = any_pb2.Any()
        packed.Pack(detail)
        status.details.append(packed)
    return status


def abort_with(context: Any, error: BaseException) -> NoReturn:
    """End the RPC with the status ``error`` maps to (``context.abort*`` raise)."""
    if not isinstance(error, AdminError):
        logger.error("Unexpected error while serving an RPC", exc_info=error)
        context.abort(grpc.StatusCode.INTERNAL, f"internal error: {error}")
        raise AssertionError("context.abort returned")
    code = grpc.StatusCode[error.code_name]
    encoded = error.message.encode()
    if len(encoded) > _MAX_MESSAGE_BYTES:
        context.abort(code, encoded[:_MAX_MESSAGE_BYTES].decode(errors="ignore"))
        raise AssertionError("context.abort returned")
    metadata: tuple[tuple[str, str | bytes], ...] = ()
    if error.details:
        metadata = ((DETAILS_KEY, status_proto(error).SerializeToString()),)
    context.abort_with_status(_Status(code, error.message, metadata))
    raise AssertionError("context.abort_with_status returned")
