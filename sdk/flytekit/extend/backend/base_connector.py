"""Connectors: the contract of a service that runs one task type, its registry, and local execution.

A connector serves one *task category* (task type name + version). A synchronous connector answers
``do`` with the finished ``Resource``; an asynchronous one starts work with ``create`` (returning a
``ResourceMeta`` that identifies it), is polled with ``get`` until the resource reaches a terminal
phase, and can be cancelled with ``delete``. Methods may be plain or ``async``.

Tasks that mix in ``AsyncConnectorExecutorMixin`` / ``SyncConnectorExecutorMixin`` run locally by
talking to the registered connector in-process: the task is serialized to its template exactly as
for registration, inputs become a ``LiteralMap``, and the outputs come back from the resource (or
from ``outputs.pb`` under the output prefix when the connector wrote them there).
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from flytekit._lazy import lazy_module
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteUserException

if TYPE_CHECKING:
    from flyteidl.core import execution_pb2, literals_pb2, tasks_pb2
    from flytekit.core.base_task import PythonTask
else:
    execution_pb2 = lazy_module("flyteidl.core.execution_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")

logger = logging.getLogger(__name__)


class TaskCategory:
    """The task type (and type version) a connector serves."""

    def __init__(self, name: str, version: int = 0) -> None:
        self._name = name
        self._version = version

    @property
    def name(self) -> str:
        return self._name

    @property
    def version(self) -> int:
        return self._version

    def __hash__(self) -> int:
        return hash((self._name, self._version))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TaskCategory) and (self._name, self._version) == (
            other._name,
            other._version,
        )

    def __str__(self) -> str:
        return f"{self._name}_v{self._version}"

    def __repr__(self) -> str:
        return f"TaskCategory(name={self._name!r}, version={self._version})"


@dataclass
class ResourceMeta:
    """What identifies a piece of work a connector started; subclasses are dataclasses of their fields."""

    def encode(self) -> bytes:
        """Bytes carried by the engine between ``create`` and ``get``/``delete`` (JSON of the fields)."""
        return json.dumps(dataclasses.asdict(self)).encode("utf-8")

    @classmethod
    def decode(cls, data: bytes) -> ResourceMeta:
        return cls(**json.loads(data.decode("utf-8")))


@dataclass
class Resource:
    """The state of a connector's work: phase, message, outputs (a LiteralMap or native values), links."""

    phase: int = 2  # TaskExecution.RUNNING
    message: str | None = None
    outputs: Any = None
    log_links: list[Any] | None = None
    custom_info: dict[str, Any] | None = field(default=None)


_TERMINAL_PHASES = {"SUCCEEDED", "FAILED", "ABORTED", "RETRYABLE_FAILED"}


def is_terminal_phase(phase: int) -> bool:
    return execution_pb2.TaskExecution.Phase.Name(phase) in _TERMINAL_PHASES


class ConnectorBase:
    """A connector for one task category; ``name`` is how it is listed."""

    name: str = "Base Connector"

    def __init__(self, task_type_name: str, task_type_version: int = 0, **kwargs: Any) -> None:
        self._task_category = TaskCategory(name=task_type_name, version=task_type_version)

    @property
    def task_category(self) -> TaskCategory:
        return self._task_category


class SyncConnectorBase(ConnectorBase):
    """A connector that finishes the work in one call (``do``)."""

    def do(
        self,
        task_template: tasks_pb2.TaskTemplate,
        output_prefix: str,
        inputs: literals_pb2.LiteralMap | None = None,
        **kwargs: Any,
    ) -> Resource:
        raise NotImplementedError(f"connector {self.name!r} must implement do()")


class AsyncConnectorBase(ConnectorBase):
    """A connector whose work runs in the background: ``create``, then ``get`` until done, ``delete`` to cancel."""

    def __init__(self, metadata_type: type[ResourceMeta], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metadata_type = metadata_type

    @property
    def metadata_type(self) -> type[ResourceMeta]:
        return self._metadata_type

    def create(
        self,
        task_template: tasks_pb2.TaskTemplate,
        output_prefix: str,
        inputs: literals_pb2.LiteralMap | None = None,
        **kwargs: Any,
    ) -> Any:
        raise NotImplementedError(f"connector {self.name!r} must implement create()")

    def get(self, resource_meta: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"connector {self.name!r} must implement get()")

    def delete(self, resource_meta: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"connector {self.name!r} must implement delete()")


class ConnectorRegistry:
    """Every connector this process knows, by task category."""

    _REGISTRY: ClassVar[dict[TaskCategory, SyncConnectorBase | AsyncConnectorBase]] = {}

    @staticmethod
    def register(connector: SyncConnectorBase | AsyncConnectorBase, override: bool = False) -> None:
        category = connector.task_category
        existing = ConnectorRegistry._REGISTRY.get(category)
        if existing is not None and not override and type(existing) is not type(connector):
            raise ValueError(
                f"A connector for task type {category} is already registered ({existing.name!r}); "
                "pass override=True to replace it."
            )
        ConnectorRegistry._REGISTRY[category] = connector

    @staticmethod
    def get_connector(
        task_type_name: str, task_type_version: int = 0
    ) -> SyncConnectorBase | AsyncConnectorBase:
        category = TaskCategory(name=task_type_name, version=task_type_version)
        connector = ConnectorRegistry._REGISTRY.get(category)
        if connector is None:
            known = ", ".join(sorted(str(c) for c in ConnectorRegistry._REGISTRY)) or "none"
            raise FlyteUserException(
                f"No connector is registered for task type {category}; registered: {known}. "
                "Import the plugin that defines it (its module registers the connector)."
            )
        return connector

    get_agent = get_connector

    @staticmethod
    def list_connectors() -> list[SyncConnectorBase | AsyncConnectorBase]:
        return list(ConnectorRegistry._REGISTRY.values())


async def _call(method: Any, **kwargs: Any) -> Any:
    """Call a connector method that may be plain or ``async``."""
    result = method(**kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


def _run(coro: Any) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    # Called from inside a running loop (e.g. an eager workflow): run on a private loop in a thread.
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class _ConnectorExecutor:
    """Shared by both mixins: the template, the inputs literal map, and turning a resource into outputs."""

    def _template_and_inputs(
        self, ctx: FlyteContext, **kwargs: Any
    ) -> tuple[tasks_pb2.TaskTemplate, literals_pb2.LiteralMap, str]:
        from flytekit.configuration import ImageConfig, SerializationSettings
        from flytekit.tools.translator import get_serializable_task

        task: PythonTask = self  # type: ignore[assignment]
        settings = ctx.serialization_settings or SerializationSettings(
            image_config=ImageConfig.auto_default_image()
        )
        template = get_serializable_task(settings, task).template
        if template.metadata.HasField("timeout"):
            logger.info("Task %s: timeouts are not enforced in local runs.", task.name)
        inputs = TypeEngine.dict_to_literal_map(ctx, kwargs, task.python_interface.inputs)
        output_prefix = ctx.file_access.get_random_remote_path()
        return template, inputs, output_prefix

    def _native_outputs(self, ctx: FlyteContext, resource: Resource, output_prefix: str) -> Any:
        task: PythonTask = self  # type: ignore[assignment]
        if resource.phase != execution_pb2.TaskExecution.SUCCEEDED:
            phase = execution_pb2.TaskExecution.Phase.Name(resource.phase)
            raise FlyteUserException(
                f"Task {task.name} ended in phase {phase}: {resource.message or 'no message'}"
            )
        names = list(task.python_interface.outputs)
        if not names:
            return None
        outputs = resource.outputs
        if outputs is None:
            outputs = literals_pb2.LiteralMap()
            outputs.ParseFromString(ctx.file_access.read_bytes(f"{output_prefix.rstrip('/')}/outputs.pb"))
        if isinstance(outputs, literals_pb2.LiteralMap):
            native = TypeEngine.literal_map_to_kwargs(ctx, outputs, task.python_interface.outputs)
        else:
            native = dict(outputs)
        missing = [n for n in names if n not in native]
        if missing:
            raise FlyteUserException(
                f"Task {task.name}: the connector returned no value for output(s) {missing}."
            )
        values = [native[n] for n in names]
        return values[0] if len(values) == 1 else tuple(values)


class SyncConnectorExecutorMixin(_ConnectorExecutor):
    """Run a task locally through its synchronous connector."""

    def execute(self, **kwargs: Any) -> Any:
        ctx = FlyteContextManager.current_context()
        template, inputs, output_prefix = self._template_and_inputs(ctx, **kwargs)
        connector = ConnectorRegistry.get_connector(template.type, template.task_type_version)
        if not isinstance(connector, SyncConnectorBase):
            raise FlyteUserException(f"The connector for task type {template.type!r} is not synchronous.")
        resource = _run(
            _call(connector.do, task_template=template, output_prefix=output_prefix, inputs=inputs)
        )
        return self._native_outputs(ctx, resource, output_prefix)


class AsyncConnectorExecutorMixin(_ConnectorExecutor):
    """Run a task locally through its asynchronous connector: create, poll until terminal, read outputs.

    The first poll is immediate; later ones wait ``poll_interval`` seconds (a class attribute).
    """

    poll_interval: float = 1.0

    def execute(self, **kwargs: Any) -> Any:
        ctx = FlyteContextManager.current_context()
        template, inputs, output_prefix = self._template_and_inputs(ctx, **kwargs)
        connector = ConnectorRegistry.get_connector(template.type, template.task_type_version)
        if not isinstance(connector, AsyncConnectorBase):
            raise FlyteUserException(f"The connector for task type {template.type!r} is not asynchronous.")
        resource = _run(self._create_and_wait(connector, template, inputs, output_prefix))
        return self._native_outputs(ctx, resource, output_prefix)

    async def _create_and_wait(
        self,
        connector: AsyncConnectorBase,
        template: tasks_pb2.TaskTemplate,
        inputs: literals_pb2.LiteralMap,
        output_prefix: str,
    ) -> Resource:
        meta = await _call(
            connector.create, task_template=template, output_prefix=output_prefix, inputs=inputs
        )
        try:
            while True:
                resource: Resource = await _call(connector.get, resource_meta=meta)
                if is_terminal_phase(resource.phase):
                    return resource
                await asyncio.sleep(self.poll_interval)
        except BaseException:
            await _call(connector.delete, resource_meta=meta)
            raise
