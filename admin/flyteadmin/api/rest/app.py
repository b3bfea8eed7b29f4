"""The admin HTTP application: REST gateway for AdminService and DataProxyService plus the extra
routes (signed blob URLs, task logs, health, metrics)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from flyteadmin.api.handlers import Handler
from flyteadmin.api.metrics import AdminMetrics
from flyteadmin.api.rest.extras import add_extra_routes
from flyteadmin.api.rest.gateway import add_gateway_routes
from flyteadmin.services import AdminServices
from flyteidl.service import admin_pb2, dataproxy_pb2, signal_pb2

__all__ = ["create_http_app"]


def create_http_app(
    services: AdminServices,
    admin: Mapping[str, Handler],
    data_proxy: Mapping[str, Handler],
    metrics: AdminMetrics,
    signal: Mapping[str, Handler] | None = None,
) -> FastAPI:
    app = FastAPI(
        title="flyteadmin", version=services.version, docs_url=None, redoc_url=None, openapi_url=None
    )
    add_extra_routes(app, services.data_proxy, services.task_logs, metrics)
    add_gateway_routes(app, admin_pb2.DESCRIPTOR.services_by_name["AdminService"], admin)
    add_gateway_routes(app, dataproxy_pb2.DESCRIPTOR.services_by_name["DataProxyService"], data_proxy)
    add_gateway_routes(app, signal_pb2.DESCRIPTOR.services_by_name["SignalService"], signal or {})
    return app
