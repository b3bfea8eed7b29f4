"""Tasks that run in a pre-built image from their template alone: ``PythonCustomizedContainerTask``.

A plugin author writes two classes: a ``ShimTaskExecutor`` subclass holding the logic, and a
subclass of ``PythonCustomizedContainerTask`` whose ``get_custom`` puts everything that logic needs
into the template. The task's container is the author's image, not the user's; its args are

    pyflyte-execute --inputs {{.input}} --output-prefix {{.outputPrefix}}
      --raw-output-data-prefix {{.rawOutputDataPrefix}}
      --resolver flytekit.core.python_customized_container_task.default_task_template_resolver
      -- {{.taskTemplatePath}} <executor module>.<executor class>

The platform writes the task template to a blob and fills ``{{.taskTemplatePath}}`` with its URI;
``TaskTemplateResolver.load_task`` downloads it and wraps it, with the executor class, in an
``ExecutableTemplateShimTask``. No user module is imported in the container, so these tasks are
never fast-registered. Locally the task serializes itself with placeholder settings and runs the
executor on that template in-process.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from flytekit._lazy import lazy_module
from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.core.base_sql_task import SQLTask
from flytekit.core.base_task import PythonTask, TaskResolverMixin
from flytekit.core.context_manager import FlyteContext
from flytekit.core.interface import Interface
from flytekit.core.python_auto_container import get_registerable_container_image, is_image_spec
from flytekit.core.resources import Resources, ResourceSpec
from flytekit.core.secrets import security_context_from_secrets
from flytekit.core.shim_task import ExecutableTemplateShimTask, ShimTaskExecutor
from flytekit.core.tracker import TrackedInstance
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from google.protobuf import json_format, struct_pb2

    from flyteidl.core import identifier_pb2, literals_pb2, tasks_pb2
    from flytekit.image_spec.image_spec import ImageSpec
    from flytekit.models.task import TaskTemplate
else:
    identifier_pb2 = lazy_module("flyteidl.core.identifier_pb2")
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    json_format = lazy_module("google.protobuf.json_format")
    struct_pb2 = lazy_module("google.protobuf.struct_pb2")

logger = logging.getLogger(__name__)

TC = TypeVar("TC")

TASK_TEMPLATE_PATH = "{{.taskTemplatePath}}"
_LOCAL_TEMPLATE_FILE = "task_template.pb"


class PythonCustomizedContainerTask(ExecutableTemplateShimTask, PythonTask, Generic[TC]):
    """Base of template-driven tasks that run in their own image; see the module docstring.

    Subclasses override ``get_custom`` (it raises here: a template-driven task has nothing to run
    without it) and pass their ``ShimTaskExecutor`` subclass as ``executor_type``.
    """

    SERIALIZE_SETTINGS = SerializationSettings(
        project="PLACEHOLDER_PROJECT",
        domain="LOCAL",
        version="PLACEHOLDER_VERSION",
        env=None,
        image_config=ImageConfig(
            default_image=Image(name="custom_container_task", fqn="flyteorg.io/placeholder", tag="image")
        ),
    )

    def __init__(
        self,
        name: str,
        task_config: TC,
        container_image: str | ImageSpec,
        executor_type: type[ShimTaskExecutor[Any]],
        task_resolver: TaskTemplateResolver | None = None,
        task_type: str = "python-task",
        requests: Resources | None = None,
        limits: Resources | None = None,
        environment: dict[str, str] | None = None,
        secret_requests: list[Any] | None = None,
        interface: Interface | None = None,
        **kwargs: Any,
    ) -> None:
        if interface is not None or not isinstance(self, SQLTask):
            # SQL-style subclasses build their interface from inputs=/outputs= themselves.
            kwargs["interface"] = interface or Interface()
        super().__init__(
            None,
            executor_type,
            task_type=task_type,
            name=name,
            security_ctx=security_context_from_secrets(name, secret_requests),
            **kwargs,
        )
        # After the other bases: SQLTask stores the (absent) config it was not given.
        self._task_config = task_config
        self._resources = ResourceSpec(requests=requests or Resources(), limits=limits or Resources())
        self._environment = dict(environment or {})
        self._container_image = container_image
        self._task_resolver = task_resolver or default_task_template_resolver

    @property
    def task_config(self) -> TC:
        return self._task_config

    @property
    def resources(self) -> ResourceSpec:
        return self._resources

    @property
    def environment(self) -> dict[str, str]:
        return dict(self._environment)

    @property
    def container_image(self) -> str | ImageSpec:
        return self._container_image

    @property
    def task_resolver(self) -> TaskTemplateResolver:
        return self._task_resolver

    @property
    def task_template(self) -> TaskTemplate:
        """The template the executor runs on: the last one serialized, else one with placeholder settings."""
        if self._task_template is not None:
            return self._task_template
        return self.serialize_to_model(self.SERIALIZE_SETTINGS)

    def get_custom(self, settings: SerializationSettings) -> dict[str, Any]:
        raise NotImplementedError(
            f"{type(self).__name__} must override get_custom(settings): the template is all its executor "
            "sees at run time."
        )

    def get_config(self, settings: SerializationSettings) -> dict[str, str]:
        return {}

    def get_command(self, settings: SerializationSettings) -> list[str]:
        return [
            "pyflyte-execute",
            "--inputs",
            "{{.input}}",
            "--output-prefix",
            "{{.outputPrefix}}",
            "--raw-output-data-prefix",
            "{{.rawOutputDataPrefix}}",
            "--resolver",
            self._task_resolver.location,
            "--",
            *self._task_resolver.loader_args(settings, self),
        ]

    def get_image(self, settings: SerializationSettings) -> str:
        fast = settings.fast_serialization_settings
        if is_image_spec(self._container_image) and (fast is None or not fast.enabled):
            self._container_image.source_root = settings.source_root
        return get_registerable_container_image(self._container_image, settings.image_config)

    def get_container(self, settings: SerializationSettings) -> tasks_pb2.Container:
        env = {**(settings.env or {}), **self._environment}
        return tasks_pb2.Container(
            image=self.get_image(settings),
            args=self.get_command(settings),
            resources=self._resources.to_idl(),
            env=[literals_pb2.KeyValuePair(key=k, value=v) for k, v in env.items()],
        )

    def serialize_to_model(self, settings: SerializationSettings) -> TaskTemplate:
        """This task's template under ``settings`` (kept: local runs and ``task_template`` use it)."""
        from flytekit.models.task import TaskTemplate

        message = tasks_pb2.TaskTemplate(
            id=identifier_pb2.Identifier(
                resource_type=identifier_pb2.TASK,
                project=settings.project or "",
                domain=settings.domain or "",
                name=self.name,
                version=settings.version or "",
            ),
            type=self.task_type,
            metadata=self.metadata.to_taskmetadata_model(),
            interface=self.interface,
            container=self.get_container(settings),
        )
        custom = self.get_custom(settings)
        if custom is not None:
            message.custom.CopyFrom(json_format.ParseDict(custom, struct_pb2.Struct()))
        message.config.update(self.get_config(settings) or {})
        order = (list(self.python_interface.inputs), list(self.python_interface.outputs))
        self._task_template = TaskTemplate(message, order, custom)
        return self._task_template


class TaskTemplateResolver(TrackedInstance, TaskResolverMixin):
    """Loads a template-driven task from ``[<template URI>, <executor class path>]``.

    Every task it serves has the loader args ``["{{.taskTemplatePath}}", "<module>.<Executor>"]``;
    the task it loads is always an ``ExecutableTemplateShimTask`` holding the downloaded template,
    whatever class the task had when it was declared. It lists no tasks (``get_all_tasks``).
    """

    def name(self) -> str:
        return "task template resolver"

    def load_task(self, loader_args: list[str]) -> ExecutableTemplateShimTask:  # type: ignore[override]
        if len(loader_args) != 2:
            raise FlyteAssertion(
                f"The task template resolver expects '<task template path> <executor class path>', "
                f"got {loader_args}."
            )
        template_uri, executor_path = loader_args
        if template_uri == TASK_TEMPLATE_PATH:
            raise FlyteAssertion(
                f"{TASK_TEMPLATE_PATH} was not filled in: the platform running this task must write the "
                "task template and substitute its path."
            )
        from flytekit.models.task import TaskTemplate
        from flytekit.tools.module_loader import load_object_from_module

        ctx = FlyteContext.current_context()
        state = ctx.execution_state
        folder = state.working_dir if state is not None else ctx.file_access.get_random_local_directory()
        local_path = os.path.join(folder, _LOCAL_TEMPLATE_FILE)
        logger.info("Loading the task template from %s", template_uri)
        ctx.file_access.get_data(template_uri, local_path)
        message = tasks_pb2.TaskTemplate()
        with open(local_path, "rb") as handle:
            message.ParseFromString(handle.read())
        executor_type = load_object_from_module(executor_path)
        return ExecutableTemplateShimTask(TaskTemplate(message), executor_type)

    def loader_args(self, settings: SerializationSettings, t: PythonTask) -> list[str]:
        executor_type = getattr(t, "executor_type", None)
        if executor_type is None:
            raise FlyteAssertion(
                f"Task '{t.name}' has no executor_type; the task template resolver serves only "
                "template-driven tasks (PythonCustomizedContainerTask)."
            )
        return [TASK_TEMPLATE_PATH, f"{executor_type.__module__}.{executor_type.__name__}"]

    def get_all_tasks(self) -> list[PythonTask]:
        return []


default_task_template_resolver = TaskTemplateResolver()
