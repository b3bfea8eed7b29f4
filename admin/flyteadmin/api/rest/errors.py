"""Errors as grpc-gateway renders them: JSON ``{code, message, details}`` with the HTTP status of the
gRPC code (e.g. NOT_FOUND -> 404, ALREADY_EXISTS -> 409, INVALID_ARGUMENT -> 400)."""

from __future__ import annotations

import logging

from fastapi.responses import JSONResponse
from google.protobuf import any_pb2, json_format

from flyteadmin.errors import AdminError, grpc_code_name, grpc_code_number, http_status

__all__ = ["error_response"]

logger = logging.getLogger(__name__)


def error_response(error: BaseException) -> JSONResponse:
    if not isinstance(error, AdminError):
        logger.error("Unexpected error while serving a REST call", exc_info=error)
        message = f"internal error: {error}"
        details: list[dict[str, object]] = []
    else:
        message = error.message
        details = []
        for detail in error.details:
            packed = any_pb2.Any()
            packed.Pack(detail)
            details.append(json_format.MessageToDict(packed, preserving_proto_field_name=True))
    code = grpc_code_name(error)
    return JSONResponse(
        status_code=http_status(code),
        content={"code": grpc_code_number(code), "message": message, "details": details},
    )
