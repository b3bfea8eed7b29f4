"""The connector gRPC services, served for real on a loopback port and called with a gRPC client."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import grpc  # type: ignore[import-untyped]
import pytest

import tests.sdk.connector_modules  # noqa: F401 - registers the Reverse connector
from flyteidl.admin import agent_pb2
from flyteidl.core import execution_pb2, literals_pb2, tasks_pb2
from flyteidl.service import agent_pb2_grpc
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.extend.backend.connector_service import add_connector_services
from flytekit.sensor import FileSensor
from flytekit.tools.translator import get_serializable_task
from tests.services.postgres import free_port

SUCCEEDED = execution_pb2.TaskExecution.SUCCEEDED
RUNNING = execution_pb2.TaskExecution.RUNNING

file_sensor = FileSensor(name="service_file_sensor")


@pytest.fixture
async def channel() -> AsyncIterator[grpc.aio.Channel]:
    server = grpc.aio.server()
    add_connector_services(server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as chan:
        yield chan
    await server.stop(grace=None)


def _sensor_template() -> tasks_pb2.TaskTemplate:
    settings = SerializationSettings(image_config=ImageConfig.auto_default_image())
    return get_serializable_task(settings, file_sensor).template


async def test_sensor_lifecycle_over_grpc(channel: grpc.aio.Channel, tmp_path: Path) -> None:
    stub = agent_pb2_grpc.AsyncAgentServiceStub(channel)  # type: ignore[no-untyped-call]
    target = tmp_path / "arrives.txt"
    inputs = literals_pb2.LiteralMap()
    inputs.literals["path"].scalar.primitive.string_value = str(target)
    created = await stub.CreateTask(agent_pb2.CreateTaskRequest(template=_sensor_template(), inputs=inputs))
    category = agent_pb2.TaskCategory(name="sensor", version=0)
    get = agent_pb2.GetTaskRequest(resource_meta=created.resource_meta, task_category=category)
    assert (await stub.GetTask(get)).resource.phase == RUNNING
    target.write_text("now")
    assert (await stub.GetTask(get)).resource.phase == SUCCEEDED
    await stub.DeleteTask(
        agent_pb2.DeleteTaskRequest(resource_meta=created.resource_meta, task_category=category)
    )


async def test_unknown_task_type_is_not_found(channel: grpc.aio.Channel) -> None:
    stub = agent_pb2_grpc.AsyncAgentServiceStub(channel)  # type: ignore[no-untyped-call]
    request = agent_pb2.GetTaskRequest(resource_meta=b"{}", task_category=agent_pb2.TaskCategory(name="nope"))
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.GetTask(request)
    assert info.value.code() == grpc.StatusCode.NOT_FOUND
    assert "nope" in info.value.details()


async def test_bad_resource_meta_is_invalid_argument(channel: grpc.aio.Channel) -> None:
    stub = agent_pb2_grpc.AsyncAgentServiceStub(channel)  # type: ignore[no-untyped-call]
    category = agent_pb2.TaskCategory(name="sensor")
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.GetTask(agent_pb2.GetTaskRequest(resource_meta=b'{"wrong": 1}', task_category=category))
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_sync_connector_and_metadata(channel: grpc.aio.Channel) -> None:
    sync = agent_pb2_grpc.SyncAgentServiceStub(channel)  # type: ignore[no-untyped-call]
    inputs = literals_pb2.LiteralMap()
    inputs.literals["text"].scalar.primitive.string_value = "flyte"
    header = agent_pb2.CreateRequestHeader(template=tasks_pb2.TaskTemplate(type="reverse"))

    async def parts() -> AsyncIterator[agent_pb2.ExecuteTaskSyncRequest]:
        yield agent_pb2.ExecuteTaskSyncRequest(header=header)
        yield agent_pb2.ExecuteTaskSyncRequest(inputs=inputs)

    responses = [r async for r in sync.ExecuteTaskSync(parts())]
    resource = responses[0].header.resource
    assert resource.phase == SUCCEEDED
    assert resource.outputs.literals["o0"].scalar.primitive.string_value == "etylf"

    meta = agent_pb2_grpc.AgentMetadataServiceStub(channel)  # type: ignore[no-untyped-call]
    agents = {a.name: a for a in (await meta.ListAgents(agent_pb2.ListAgentsRequest())).agents}
    assert agents["Reverse"].is_sync and not agents["Sensor"].is_sync
    assert [c.name for c in agents["Sensor"].supported_task_categories] == ["sensor"]
    assert (await meta.GetAgent(agent_pb2.GetAgentRequest(name="Sensor"))).agent.name == "Sensor"
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await meta.GetAgent(agent_pb2.GetAgentRequest(name="Missing"))
    assert info.value.code() == grpc.StatusCode.NOT_FOUND


def test_pyflyte_serve_connector_answers_until_its_timeout() -> None:
    port = free_port()
    pyflyte = Path(sys.executable).parent / "pyflyte"
    args = [
        str(pyflyte),
        "serve",
        "connector",
        "--port",
        str(port),
        "--prometheus_port",
        "0",
        "--timeout",
        "20",
    ]
    args += ["--modules", "tests.sdk.connector_modules"]
    process = subprocess.Popen(
        args, cwd=Path(__file__).parents[2], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:

        async def list_agents() -> set[str]:
            for _ in range(100):
                try:
                    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as chan:
                        stub = agent_pb2_grpc.AgentMetadataServiceStub(chan)  # type: ignore[no-untyped-call]
                        response = await stub.ListAgents(agent_pb2.ListAgentsRequest(), timeout=2)
                        return {a.name for a in response.agents}
                except grpc.aio.AioRpcError:
                    await asyncio.sleep(0.2)
            raise AssertionError("the connector server never answered")

        assert {"Sensor", "Reverse"} <= asyncio.run(list_agents())
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "Serving connectors on port" in output
