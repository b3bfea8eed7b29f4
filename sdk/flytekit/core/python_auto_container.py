"""Tasks that run in a container started with ``pyflyte-execute``: image, env, resources, args.

``PythonAutoContainerTask`` builds the ``flyteidl.core.Container`` of a task exactly as flytekit
does (reference sheet §4.2): the image from the task or the ``ImageConfig``, ``env`` from the
serialization settings overlaid with the task's ``environment``, resources, and the args

    pyflyte-execute --inputs {{.input}} --output-prefix {{.outputPrefix}}
      --raw-output-data-prefix {{.rawOutputDataPrefix}} --checkpoint-path {{.checkpointOutputPrefix}}
      --prev-checkpoint {{.prevCheckpointPrefix}} --resolver <resolver location> -- <loader args>

prefixed by ``pyflyte-fast-execute --additional-distribution <tarball> --dest-dir <dir> --`` when
fast registration is on. ``default_task_resolver`` loads a task back from ``task-module M
task-name N``.
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.base_task import PythonTask, TaskMetadata, TaskResolverMixin
from flytekit.core.interface import Interface
from flytekit.core.resources import Resources, ResourceSpec, construct_resource_spec
from flytekit.core.tracker import TrackedInstance, extract_task_module
from flytekit.errors import FlyteAssertion, FlyteEntityNotExistException

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, tasks_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")

if TYPE_CHECKING:
    from flytekit.configuration import ImageConfig, SerializationSettings

_IMAGE_TEMPLATE = re.compile(r"\{\{\s*\.image\.(\w+)(?:\.(fqn|version))?\s*\}\}")


def get_registerable_container_image(img: str | None, cfg: ImageConfig) -> str:
    """The image reference to serialize: the default image, ``img`` as-is, or ``img`` with templates resolved."""
    if img is None:
        if cfg.default_image is None:
            raise FlyteAssertion(
                "No container image: the task sets none and the serialization settings have no default image; "
                "pass --image (or ImageConfig.auto(img_name=...))."
            )
        return cfg.default_image.full

    def resolve(m: re.Match[str]) -> str:
        name, attr = m.group(1), m.group(2)
        image = cfg.find_image(name)
        if image is None:
            raise FlyteAssertion(
                f"Image template {m.group(0)!r} names image {name!r}, which is not configured; "
                f"known images: {[i.name for i in cfg.images]}. Add it with --image {name}=<fqn>:<tag>."
            )
        if attr == "fqn":
            return image.fqn
        if attr == "version":
            return image.version or ""
        return image.full

    return _IMAGE_TEMPLATE.sub(resolve, img)


class PythonAutoContainerTask(PythonTask):
    """A Python task run by ``pyflyte-execute`` in a container; see the module docstring."""

    def __init__(
        self,
        name: str,
        task_config: Any,
        interface: Interface,
        task_type: str = "python-task",
        container_image: str | None = None,
        requests: Resources | None = None,
        limits: Resources | None = None,
        resources: Resources | None = None,
        environment: dict[str, str] | None = None,
        task_resolver: TaskResolverMixin | None = None,
        metadata: TaskMetadata | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(task_type=task_type, name=name, interface=interface, metadata=metadata, **kwargs)
        if container_image is not None and not isinstance(container_image, str):
            raise FlyteAssertion(f"Task '{name}': container_image must be a string, got {container_image!r}")
        self._task_config = task_config
        self._container_image = container_image
        self._resources = construct_resource_spec(requests=requests, limits=limits, resources=resources)
        self._environment = dict(environment or {})
        self._task_resolver = task_resolver or default_task_resolver

    @property
    def task_config(self) -> Any:
        return self._task_config

    @property
    def container_image(self) -> str | None:
        return self._container_image

    @property
    def resources(self) -> ResourceSpec:
        return self._resources

    @property
    def environment(self) -> dict[str, str]:
        return dict(self._environment)

    @property
    def task_resolver(self) -> TaskResolverMixin:
        return self._task_resolver

    def get_default_command(self, settings: SerializationSettings) -> list[str]:
        return [
            "pyflyte-execute",
            "--inputs",
            "{{.input}}",
            "--output-prefix",
            "{{.outputPrefix}}",
            "--raw-output-data-prefix",
            "{{.rawOutputDataPrefix}}",
            "--checkpoint-path",
            "{{.checkpointOutputPrefix}}",
            "--prev-checkpoint",
            "{{.prevCheckpointPrefix}}",
            "--resolver",
            self._task_resolver.location,
            "--",
            *self._task_resolver.loader_args(settings, self),
        ]

    def get_command(self, settings: SerializationSettings) -> list[str]:
        command = self.get_default_command(settings)
        fast = settings.fast_serialization_settings
        if fast is not None and fast.enabled:
            return [
                "pyflyte-fast-execute",
                "--additional-distribution",
                fast.distribution_location or "{{ .remote_package_path }}",
                "--dest-dir",
                fast.destination_dir or "{{ .dest_dir }}",
                "--",
                *command,
            ]
        return command

    def get_image(self, settings: SerializationSettings) -> str:
        return get_registerable_container_image(self._container_image, settings.image_config)

    def get_container(self, settings: SerializationSettings) -> tasks_pb2.Container:
        env = {**(settings.env or {}), **self._environment}
        spec = self._resources
        if spec.is_empty() and settings.default_resources is not None:
            spec = settings.default_resources
        return tasks_pb2.Container(
            image=self.get_image(settings),
            args=self.get_command(settings),
            resources=spec.to_idl(),
            env=[literals_pb2.KeyValuePair(key=k, value=v) for k, v in env.items()],
        )


class DefaultTaskResolver(TrackedInstance, TaskResolverMixin):
    """Loads tasks by ``task-module <module> task-name <attribute>``: import the module, take the attribute."""

    def name(self) -> str:
        return "DefaultTaskResolver"

    def load_task(self, loader_args: list[str]) -> PythonTask:
        if len(loader_args) < 4 or loader_args[0] != "task-module" or loader_args[2] != "task-name":
            raise FlyteAssertion(
                f"The default task resolver expects 'task-module <module> task-name <name>', got {loader_args}"
            )
        module_name, task_name = loader_args[1], loader_args[3]
        module = importlib.import_module(module_name)
        task = getattr(module, task_name, None)
        if task is None:
            raise FlyteEntityNotExistException(
                f"Module {module_name!r} has no attribute {task_name!r} (the task)."
            )
        if not isinstance(task, PythonTask):
            raise FlyteAssertion(f"{module_name}.{task_name} is a {type(task).__name__}, not a task.")
        return task

    def loader_args(self, settings: SerializationSettings, t: PythonTask) -> list[str]:
        fn = getattr(t, "task_function", None)
        _, module, attribute, _ = extract_task_module(fn if fn is not None else t)
        return ["task-module", module, "task-name", attribute]


default_task_resolver = DefaultTaskResolver()
