"""HTTP routes beyond the gateway: admin-signed blob URLs (upload PUT, download GET), task logs of
the local cluster, the health check and Prometheus metrics."""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool

from flyteadmin.api.metrics import AdminMetrics
from flyteadmin.api.rest.errors import error_response
from flyteadmin.errors import InvalidArgument
from flyteadmin.services import DataProxyService, TaskLogService
from flyteadmin.services.dataproxy import BLOB_ROUTE

__all__ = ["add_extra_routes"]


def _expires(request: Request) -> int:
    try:
        return int(request.query_params.get("expires", ""))
    except ValueError as error:
        raise InvalidArgument(
            "The signed URL has no valid 'expires' parameter; request a new one."
        ) from error


def add_extra_routes(
    app: FastAPI, data_proxy: DataProxyService, task_logs: TaskLogService, metrics: AdminMetrics
) -> None:
    @app.put(BLOB_ROUTE + "/{key:path}", include_in_schema=False)
    async def upload_blob(key: str, request: Request) -> Response:
        try:
            body = await request.body()
            await run_in_threadpool(
                lambda: data_proxy.accept_upload(
                    key,
                    expires=_expires(request),
                    md5=request.query_params.get("md5", ""),
                    signature=request.query_params.get("signature", ""),
                    body=body,
                    content_md5_header=request.headers.get("content-md5"),
                )
            )
        except Exception as error:
            return error_response(error)
        return Response(status_code=200)

    @app.get(BLOB_ROUTE + "/{key:path}", include_in_schema=False)
    def download_blob(key: str, request: Request) -> Response:
        try:
            data = data_proxy.serve_download(
                key, expires=_expires(request), signature=request.query_params.get("signature", "")
            )
        except Exception as error:
            return error_response(error)
        media_type = "text/html" if key.endswith(".html") else "application/octet-stream"
        return Response(data, media_type=media_type)

    @app.get("/api/v1/logs/{namespace}/{pod}", include_in_schema=False)
    def task_log(namespace: str, pod: str) -> Response:
        try:
            return Response(task_logs.read(namespace, pod), media_type="text/plain; charset=utf-8")
        except Exception as error:
            return error_response(error)

    @app.get("/healthcheck", include_in_schema=False)
    def healthcheck() -> Response:
        return Response(status_code=200)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
