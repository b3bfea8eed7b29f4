"""``SensorEngine``: the asynchronous connector for task type ``sensor``.

``create`` records which sensor class to poke with which native inputs; each ``get`` imports that
class, instantiates it with the recorded config and pokes once: SUCCEEDED when the poke returns
True, RUNNING otherwise. Importing this module registers the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from google.protobuf import json_format

from flytekit._lazy import lazy_module
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.extend.backend.base_connector import AsyncConnectorBase, ConnectorRegistry, Resource
from flytekit.sensor.base_sensor import SensorMetadata

if TYPE_CHECKING:
    from flyteidl.core import execution_pb2, literals_pb2, tasks_pb2
else:
    execution_pb2 = lazy_module("flyteidl.core.execution_pb2")


class SensorEngine(AsyncConnectorBase):
    name = "Sensor"

    def __init__(self) -> None:
        super().__init__(task_type_name="sensor", metadata_type=SensorMetadata)

    async def create(
        self,
        task_template: tasks_pb2.TaskTemplate,
        output_prefix: str = "",
        inputs: literals_pb2.LiteralMap | None = None,
        **kwargs: Any,
    ) -> SensorMetadata:
        custom = json_format.MessageToDict(task_template.custom)
        meta = SensorMetadata(
            sensor_module=custom["sensor_module"],
            sensor_name=custom["sensor_name"],
            sensor_config=custom.get("sensor_config"),
        )
        if inputs is not None and inputs.literals:
            ctx = FlyteContextManager.current_context()
            types = TypeEngine.guess_python_types(dict(task_template.interface.inputs.variables))
            meta.inputs = TypeEngine.literal_map_to_kwargs(ctx, inputs, types)
        return meta

    async def get(self, resource_meta: SensorMetadata, **kwargs: Any) -> Resource:
        module = importlib.import_module(resource_meta.sensor_module)
        sensor_class = getattr(module, resource_meta.sensor_name)
        config = resource_meta.sensor_config
        sensor = (
            sensor_class("sensor", sensor_config=config) if config is not None else sensor_class("sensor")
        )
        done = await sensor.poke(**(resource_meta.inputs or {}))
        phase = execution_pb2.TaskExecution.SUCCEEDED if done else execution_pb2.TaskExecution.RUNNING
        return Resource(phase=phase, outputs=None)

    async def delete(self, resource_meta: SensorMetadata, **kwargs: Any) -> None:
        return None


ConnectorRegistry.register(SensorEngine())
