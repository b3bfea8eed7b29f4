"""Connectors and sensors: the registry, local execution through a connector, the sensor engine."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flyteidl.core import execution_pb2, literals_pb2
from flytekit import task, workflow
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.core.base_task import PythonTask
from flytekit.core.interface import Interface
from flytekit.errors import FlyteUserException
from flytekit.extend.backend.base_agent import AgentRegistry, AsyncAgentBase
from flytekit.extend.backend.base_connector import (
    AsyncConnectorBase,
    AsyncConnectorExecutorMixin,
    ConnectorRegistry,
    Resource,
    ResourceMeta,
    SyncConnectorBase,
    SyncConnectorExecutorMixin,
    TaskCategory,
)
from flytekit.sensor import FileSensor, SensorEngine, SensorMetadata
from flytekit.tools.translator import get_serializable_task

SUCCEEDED = execution_pb2.TaskExecution.SUCCEEDED
RUNNING = execution_pb2.TaskExecution.RUNNING
FAILED = execution_pb2.TaskExecution.FAILED


@dataclass
class JobMeta(ResourceMeta):
    job_id: str
    polls: int = 0


class CountingConnector(AsyncConnectorBase):
    """Finishes on the second poll; doubles input ``x`` into output ``o0``; fails for negative x."""

    name = "Counting Connector"

    def __init__(self) -> None:
        super().__init__(task_type_name="counting", metadata_type=JobMeta)
        self.deleted: list[str] = []
        self.inputs: dict[str, int] = {}

    async def create(
        self, task_template: Any, output_prefix: str, inputs: Any = None, **kwargs: Any
    ) -> JobMeta:
        x = inputs.literals["x"].scalar.primitive.integer
        self.inputs["job-1"] = x
        return JobMeta(job_id="job-1")

    def get(self, resource_meta: JobMeta, **kwargs: Any) -> Resource:
        resource_meta.polls += 1
        x = self.inputs[resource_meta.job_id]
        if resource_meta.polls < 2:
            return Resource(phase=RUNNING)
        if x < 0:
            return Resource(phase=FAILED, message="x must not be negative")
        return Resource(phase=SUCCEEDED, outputs={"o0": 2 * x})

    def delete(self, resource_meta: JobMeta, **kwargs: Any) -> None:
        self.deleted.append(resource_meta.job_id)


class CountingTask(AsyncConnectorExecutorMixin, PythonTask):
    poll_interval = 0.01

    def __init__(self, name: str) -> None:
        super().__init__(
            task_type="counting", name=name, interface=Interface(inputs={"x": int}, outputs={"o0": int})
        )

    def get_custom(self, settings: SerializationSettings) -> dict[str, Any]:
        return {"kind": "count"}


class EchoConnector(SyncConnectorBase):
    name = "Echo"

    def __init__(self) -> None:
        super().__init__(task_type_name="echo")

    def do(self, task_template: Any, output_prefix: str, inputs: Any = None, **kwargs: Any) -> Resource:
        text = inputs.literals["text"].scalar.primitive.string_value
        out = literals_pb2.LiteralMap()
        out.literals["o0"].scalar.primitive.string_value = text[::-1]
        return Resource(phase=SUCCEEDED, outputs=out)


class EchoTask(SyncConnectorExecutorMixin, PythonTask):
    def __init__(self, name: str) -> None:
        super().__init__(
            task_type="echo", name=name, interface=Interface(inputs={"text": str}, outputs={"o0": str})
        )


def test_async_connector_runs_a_task_locally_and_in_a_workflow() -> None:
    connector = CountingConnector()
    ConnectorRegistry.register(connector, override=True)
    counting = CountingTask(name="counting_task")

    @task
    def plus_one(x: int) -> int:
        return x + 1

    @workflow
    def wf(x: int) -> int:
        result: int = plus_one(x=counting(x=x))
        return result

    assert counting(x=4) == 8
    assert wf(x=5) == 11
    with pytest.raises(FlyteUserException, match="FAILED: x must not be negative"):
        counting(x=-1)


def test_sync_connector_returns_a_literal_map() -> None:
    ConnectorRegistry.register(EchoConnector(), override=True)
    assert EchoTask(name="echo_task")(text="abc") == "cba"


def test_registry_rules() -> None:
    assert TaskCategory("x", 1) == TaskCategory("x", 1) != TaskCategory("x", 0)
    ConnectorRegistry.register(CountingConnector(), override=True)
    ConnectorRegistry.register(CountingConnector())  # the same kind again is fine

    class Other(AsyncAgentBase):
        def __init__(self) -> None:
            super().__init__(task_type_name="counting", metadata_type=JobMeta)

    with pytest.raises(ValueError, match="already registered"):
        AgentRegistry.register(Other())
    with pytest.raises(FlyteUserException, match="No connector is registered for task type nothing_v0"):
        ConnectorRegistry.get_connector("nothing")


def test_resource_meta_round_trips() -> None:
    meta = JobMeta(job_id="j", polls=3)
    assert JobMeta.decode(meta.encode()) == meta


def test_connector_templates_carry_the_custom_config() -> None:
    settings = SerializationSettings(image_config=ImageConfig.auto_default_image())
    spec = get_serializable_task(settings, CountingTask(name="counting_task"))
    assert spec.template.type == "counting"
    assert dict(spec.template.custom) == {"kind": "count"}
    assert not spec.template.HasField("container")


def test_sensor_engine_pokes_until_the_file_exists(tmp_path: Path) -> None:
    sensor = FileSensor(name="file_sensor_under_test")
    settings = SerializationSettings(image_config=ImageConfig.auto_default_image())
    template = get_serializable_task(settings, sensor).template
    assert template.type == "sensor"
    inputs = literals_pb2.LiteralMap()
    target = tmp_path / "later.txt"
    inputs.literals["path"].scalar.primitive.string_value = str(target)
    engine = ConnectorRegistry.get_connector("sensor")
    assert isinstance(engine, SensorEngine)
    meta = asyncio.run(engine.create(task_template=template, output_prefix="", inputs=inputs))
    assert meta == SensorMetadata(
        sensor_module="flytekit.sensor.file_sensor", sensor_name="FileSensor", inputs={"path": str(target)}
    )
    assert asyncio.run(engine.get(meta)).phase == RUNNING
    target.write_text("here")
    assert asyncio.run(engine.get(meta)).phase == SUCCEEDED
    assert sensor(path=str(target)) is None


def test_sensor_rejects_two_timeouts() -> None:
    from flytekit import TaskMetadata

    with pytest.raises(ValueError, match="either as timeout= or in metadata="):
        FileSensor(name="twice", timeout=5, metadata=TaskMetadata(timeout=3))
