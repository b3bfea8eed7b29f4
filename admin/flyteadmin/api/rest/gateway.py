"""The REST gateway: every RPC with a ``google.api.http`` rule served on its path, like grpc-gateway.

Routes are read from the service descriptors (so paths, verbs and additional bindings match the
IDL exactly). A request message is assembled from the JSON body (``body: "*"``), then the query
string, then the path parameters; the response is protojson with snake_case names and unpopulated
fields included (or raw protobuf when the client accepts ``application/octet-stream``). RPCs without a
handler answer 501 like an unimplemented gRPC method.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from google.api import annotations_pb2
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor
from google.protobuf.message_factory import GetMessageClass
from starlette.concurrency import run_in_threadpool

from flyteadmin.api.handlers import Handler
from flyteadmin.api.rest.errors import error_response
from flyteadmin.api.rest.protojson import message_to_json, parse_body, set_field
from flyteadmin.errors import AdminError

__all__ = ["add_gateway_routes"]

_PARAMETER = re.compile(r"\{([^}=]+)\}")
_PROTOBUF = "application/octet-stream"


class _Unimplemented(AdminError):
    code_name = "UNIMPLEMENTED"


def _fastapi_path(template: str) -> tuple[str, dict[str, str]]:
    """``/a/{id.project}`` -> (``/a/{p0}``, {``p0``: ``id.project``})."""
    fields: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        name = f"p{len(fields)}"
        fields[name] = match.group(1)
        return "{" + name + "}"

    return _PARAMETER.sub(rename, template), fields


def _endpoint(
    method: MethodDescriptor, handler: Handler | None, path_fields: dict[str, str], has_body: bool
) -> Callable[[Request], Awaitable[Response]]:
    request_class = GetMessageClass(method.input_type)

    async def endpoint(request: Request) -> Response:
        try:
            if handler is None:
                raise _Unimplemented(
                    f"{method.containing_service.name}.{method.name} is not served by this admin."
                )
            message = request_class()
            if has_body:
                body = await request.body()
                if request.headers.get("content-type", "").startswith(_PROTOBUF):
                    message.ParseFromString(body)
                else:
                    parse_body(body, message)
            for key in request.query_params:
                set_field(message, key, request.query_params.getlist(key))
            for name, field_path in path_fields.items():
                set_field(message, field_path, [request.path_params[name]])
            response = await run_in_threadpool(handler, message)
        except Exception as error:
            return error_response(error)
        if _PROTOBUF in request.headers.get("accept", ""):
            return Response(response.SerializeToString(), media_type=_PROTOBUF)
        return JSONResponse(message_to_json(response))

    endpoint.__name__ = method.name
    return endpoint


def add_gateway_routes(app: FastAPI, service: ServiceDescriptor, handlers: Mapping[str, Handler]) -> None:
    """Serve every RPC of ``service`` that has an HTTP rule."""
    for method in service.methods:
        rule: Any = method.GetOptions().Extensions[annotations_pb2.http]
        for binding in [rule, *rule.additional_bindings]:
            verb = binding.WhichOneof("pattern")
            if verb is None or verb == "custom":
                continue
            path, path_fields = _fastapi_path(getattr(binding, verb))
            app.add_api_route(
                path,
                _endpoint(method, handlers.get(method.name), path_fields, bool(binding.body)),
                methods=[verb.upper()],
                name=f"{service.name}.{method.name}",
                include_in_schema=False,
            )
