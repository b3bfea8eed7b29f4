"""``BaseSensor``: a task whose body is an async ``poke`` that says whether the awaited condition holds.

Subclasses implement ``async def poke(self, <typed inputs>) -> bool``; the poke's parameters are the
task's inputs and the task has no outputs. A sensor does not run in a pod: it is serialized as task
type ``sensor`` with ``custom`` naming the sensor class (module + name), its config and inputs, and
the sensor connector (``SensorEngine``) instantiates the class and pokes until it returns True.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime
import inspect
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from flytekit.core.base_task import PythonTask, TaskMetadata
from flytekit.core.interface import Interface
from flytekit.extend.backend.base_connector import AsyncConnectorExecutorMixin, ResourceMeta

if typing.TYPE_CHECKING:
    from flytekit.configuration import SerializationSettings


class SensorConfig(Protocol):
    """A sensor's settings: serializable to a dict and back."""

    def to_dict(self) -> dict[str, Any]: ...

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SensorConfig: ...


@dataclass
class SensorMetadata(ResourceMeta):
    """Which sensor to poke and with what: the class's module and name, its config, the inputs."""

    sensor_module: str
    sensor_name: str
    sensor_config: dict[str, Any] | None = None
    inputs: dict[str, Any] | None = None


class BaseSensor(AsyncConnectorExecutorMixin, PythonTask):
    """Base class of sensors; see the module docstring."""

    def __init__(
        self,
        name: str,
        timeout: datetime.timedelta | int | None = None,
        sensor_config: Any = None,
        task_type: str = "sensor",
        **kwargs: Any,
    ) -> None:
        if not inspect.iscoroutinefunction(getattr(type(self), "poke", None)):
            raise TypeError(f"{type(self).__name__} must define `async def poke(self, ...) -> bool`.")
        hints = typing.get_type_hints(self.poke, include_extras=True)
        inputs = collections.OrderedDict(
            (param, hints.get(param)) for param in inspect.signature(self.poke).parameters
        )
        metadata: TaskMetadata | None = kwargs.pop("metadata", None)
        if metadata is not None and timeout is not None:
            if metadata.timeout is not None:
                raise ValueError(
                    f"Sensor {name!r}: give the timeout either as timeout= or in metadata=, not both."
                )
            metadata.timeout = timeout
            metadata.__post_init__()
        elif metadata is None:
            metadata = TaskMetadata(timeout=timeout) if timeout else TaskMetadata()
        unknown = sorted(kwargs)
        if unknown:
            raise ValueError(f"Sensor {name!r}: unrecognized argument(s) {unknown}.")
        super().__init__(
            task_type=task_type, name=name, interface=Interface(inputs=inputs), metadata=metadata
        )
        self._sensor_config = sensor_config

    @property
    def sensor_config(self) -> Any:
        return self._sensor_config

    # Subclasses define ``async def poke(self, <typed inputs>) -> bool``: True once the condition holds.
    poke: Callable[..., Awaitable[bool]]

    def get_custom(self, settings: SerializationSettings) -> dict[str, Any]:
        config = self._sensor_config.to_dict() if self._sensor_config is not None else None
        meta = SensorMetadata(
            sensor_module=type(self).__module__, sensor_name=type(self).__name__, sensor_config=config
        )
        return dataclasses.asdict(meta)
