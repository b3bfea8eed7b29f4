"""The connector gRPC services: what ``pyflyte serve connector`` answers the engine with.

``AsyncAgentService`` (create / get / delete / metrics / logs), ``SyncAgentService`` (one streamed
exchange per task) and ``AgentMetadataService`` (which connectors serve which task types), all
backed by the ``ConnectorRegistry``. Every call finds its connector by task category; unknown
categories answer NOT_FOUND, requests a connector cannot take INVALID_ARGUMENT, and a connector's
own failure INTERNAL with its message, so the engine can tell the three apart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import grpc  # type: ignore[import-untyped]
from google.protobuf import json_format, struct_pb2

from flyteidl.admin import agent_pb2
from flyteidl.core import literals_pb2, tasks_pb2
from flyteidl.service import agent_pb2_grpc
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteUserException
from flytekit.extend.backend.base_connector import (
    AsyncConnectorBase,
    ConnectorRegistry,
    Resource,
    SyncConnectorBase,
    _call,
)

logger = logging.getLogger(__name__)

R = TypeVar("R")


def resource_to_idl(resource: Resource) -> agent_pb2.Resource:
    """The wire form of a connector's ``Resource`` (native outputs become literals by their own types)."""
    message = agent_pb2.Resource(phase=resource.phase, message=resource.message or "")  # type: ignore[arg-type]
    outputs = resource.outputs
    if isinstance(outputs, literals_pb2.LiteralMap):
        message.outputs.CopyFrom(outputs)
    elif outputs:
        ctx = FlyteContextManager.current_context()
        message.outputs.CopyFrom(TypeEngine.dict_to_literal_map(ctx, dict(outputs)))
    for link in resource.log_links or []:
        message.log_links.append(link)
    if resource.custom_info:
        message.custom_info.CopyFrom(json_format.ParseDict(resource.custom_info, struct_pb2.Struct()))
    return message


async def _guarded(context: grpc.aio.ServicerContext, what: str, step: Callable[[], Awaitable[R]]) -> R:
    """Run one service step, turning failures into the matching gRPC status."""
    try:
        return await step()
    except FlyteUserException as exc:
        status = grpc.StatusCode.NOT_FOUND if "No connector" in str(exc) else grpc.StatusCode.INVALID_ARGUMENT
        await context.abort(status, f"{what}: {exc}")
    except (ValueError, TypeError, KeyError) as exc:
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT, f"{what}: {type(exc).__name__}: {exc}")
    except Exception as exc:
        logger.exception("%s failed", what)
        await context.abort(grpc.StatusCode.INTERNAL, f"{what}: {type(exc).__name__}: {exc}")
    raise AssertionError("unreachable: abort() raises")


def _async_connector(name: str, version: int) -> AsyncConnectorBase:
    connector = ConnectorRegistry.get_connector(name, version)
    if not isinstance(connector, AsyncConnectorBase):
        raise FlyteUserException(f"the connector for task type {name!r} is synchronous; use ExecuteTaskSync")
    return connector


class AsyncConnectorService(agent_pb2_grpc.AsyncAgentServiceServicer):
    async def CreateTask(
        self, request: agent_pb2.CreateTaskRequest, context: grpc.aio.ServicerContext
    ) -> agent_pb2.CreateTaskResponse:
        template = request.template

        async def step() -> agent_pb2.CreateTaskResponse:
            connector = _async_connector(template.type, template.task_type_version)
            inputs = request.inputs if request.HasField("inputs") else None
            meta = await _call(
                connector.create,
                task_template=template,
                inputs=inputs,
                output_prefix=request.output_prefix,
                task_execution_metadata=request.task_execution_metadata,
            )
            return agent_pb2.CreateTaskResponse(resource_meta=meta.encode())

        return await _guarded(context, f"CreateTask for task type {template.type!r}", step)

    async def GetTask(
        self, request: agent_pb2.GetTaskRequest, context: grpc.aio.ServicerContext
    ) -> agent_pb2.GetTaskResponse:
        category = request.task_category

        async def step() -> agent_pb2.GetTaskResponse:
            connector = _async_connector(category.name, category.version)
            meta = connector.metadata_type.decode(request.resource_meta)
            resource = await _call(connector.get, resource_meta=meta)
            return agent_pb2.GetTaskResponse(resource=resource_to_idl(resource))

        return await _guarded(context, f"GetTask for task type {category.name!r}", step)

    async def DeleteTask(
        self, request: agent_pb2.DeleteTaskRequest, context: grpc.aio.ServicerContext
    ) -> agent_pb2.DeleteTaskResponse:
        category = request.task_category

        async def step() -> agent_pb2.DeleteTaskResponse:
            connector = _async_connector(category.name, category.version)
            meta = connector.metadata_type.decode(request.resource_meta)
            await _call(connector.delete, resource_meta=meta)
            return agent_pb2.DeleteTaskResponse()

        return await _guarded(context, f"DeleteTask for task type {category.name!r}", step)

    async def GetTaskMetrics(
        self, request: agent_pb2.GetTaskMetricsRequest, context: grpc.aio.ServicerContext
    ) -> agent_pb2.GetTaskMetricsResponse:
        category = request.task_category

        async def step() -> agent_pb2.GetTaskMetricsResponse:
            connector = _async_connector(category.name, category.version)
            get_metrics = getattr(connector, "get_metrics", None)
            if get_metrics is None:
                raise FlyteUserException(f"connector {connector.name!r} reports no metrics")
            meta = connector.metadata_type.decode(request.resource_meta)
            response: agent_pb2.GetTaskMetricsResponse = await _call(get_metrics, resource_meta=meta)
            return response

        return await _guarded(context, f"GetTaskMetrics for task type {category.name!r}", step)

    async def GetTaskLogs(
        self, request: agent_pb2.GetTaskLogsRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[agent_pb2.GetTaskLogsResponse]:
        category = request.task_category

        async def step() -> list[agent_pb2.GetTaskLogsResponse]:
            connector = _async_connector(category.name, category.version)
            get_logs = getattr(connector, "get_logs", None)
            if get_logs is None:
                raise FlyteUserException(f"connector {connector.name!r} reports no logs")
            meta = connector.metadata_type.decode(request.resource_meta)
            result: Any = await _call(get_logs, resource_meta=meta)
            return list(result) if isinstance(result, list | tuple) else [result]

        for response in await _guarded(context, f"GetTaskLogs for task type {category.name!r}", step):
            yield response


class SyncConnectorService(agent_pb2_grpc.SyncAgentServiceServicer):
    async def ExecuteTaskSync(
        self,
        request_iterator: AsyncIterator[agent_pb2.ExecuteTaskSyncRequest],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[agent_pb2.ExecuteTaskSyncResponse]:
        header: agent_pb2.CreateRequestHeader | None = None
        inputs: literals_pb2.LiteralMap | None = None
        async for part in request_iterator:
            if part.HasField("header"):
                header = part.header
            elif part.HasField("inputs"):
                inputs = part.inputs
        if header is None:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT, "ExecuteTaskSync: the first message must be a header"
            )
            return
        template: tasks_pb2.TaskTemplate = header.template

        async def step() -> agent_pb2.Resource:
            connector = ConnectorRegistry.get_connector(template.type, template.task_type_version)
            if not isinstance(connector, SyncConnectorBase):
                raise FlyteUserException(f"the connector for task type {template.type!r} is asynchronous")
            resource = await _call(
                connector.do, task_template=template, inputs=inputs, output_prefix=header.output_prefix
            )
            return resource_to_idl(resource)

        resource = await _guarded(context, f"ExecuteTaskSync for task type {template.type!r}", step)
        yield agent_pb2.ExecuteTaskSyncResponse(
            header=agent_pb2.ExecuteTaskSyncResponseHeader(resource=resource)
        )


def _agent(connector: SyncConnectorBase | AsyncConnectorBase) -> agent_pb2.Agent:
    category = connector.task_category
    return agent_pb2.Agent(
        name=connector.name,
        is_sync=isinstance(connector, SyncConnectorBase),
        supported_task_categories=[agent_pb2.TaskCategory(name=category.name, version=category.version)],
    )


class ConnectorMetadataService(agent_pb2_grpc.AgentMetadataServiceServicer):
    async def GetAgent(
        self, request: agent_pb2.GetAgentRequest, context: grpc.aio.ServicerContext
    ) -> agent_pb2.GetAgentResponse:
        for connector in ConnectorRegistry.list_connectors():
            if connector.name == request.name:
                return agent_pb2.GetAgentResponse(agent=_agent(connector))
        await context.abort(grpc.StatusCode.NOT_FOUND, f"No connector named {request.name!r} is registered.")
        raise AssertionError("unreachable: abort() raises")

    async def ListAgents(
        self, request: agent_pb2.ListAgentsRequest, context: grpc.aio.ServicerContext
    ) -> agent_pb2.ListAgentsResponse:
        return agent_pb2.ListAgentsResponse(agents=[_agent(c) for c in ConnectorRegistry.list_connectors()])


def add_connector_services(server: grpc.aio.Server) -> None:
    agent_pb2_grpc.add_AsyncAgentServiceServicer_to_server(AsyncConnectorService(), server)  # type: ignore[no-untyped-call]
    agent_pb2_grpc.add_SyncAgentServiceServicer_to_server(SyncConnectorService(), server)  # type: ignore[no-untyped-call]
    agent_pb2_grpc.add_AgentMetadataServiceServicer_to_server(ConnectorMetadataService(), server)  # type: ignore[no-untyped-call]


async def serve(port: int, worker: int = 10, host: str = "[::]") -> None:
    """Serve the connector services on ``host:port`` until cancelled."""
    from concurrent import futures

    server = grpc.aio.server(
        futures.ThreadPoolExecutor(max_workers=worker), options=[("grpc.so_reuseport", 0)]
    )
    add_connector_services(server)
    if server.add_insecure_port(f"{host}:{port}") == 0:
        raise OSError(f"Cannot listen on {host}:{port}; is another process using the port?")
    await server.start()
    logger.info("connector services listening on %s:%s", host, port)
    try:
        await server.wait_for_termination()
    finally:
        await server.stop(grace=2)


def run_forever(port: int, worker: int = 10) -> None:
    asyncio.run(serve(port, worker))
