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
import sys
from typing import TYPE_CHECKING, Any, TypeGuard

from flytekit._lazy import lazy_module
from flytekit.core.base_task import PythonTask, TaskMetadata, TaskResolverMixin
from flytekit.core.extended_resources import (
    SharedMemory,
    construct_extended_resources,
    validate_shared_memory,
)
from flytekit.core.interface import Interface
from flytekit.core.pod_template import PRIMARY_CONTAINER_NAME_FIELD, PodTemplate, k8s_pod_from_template
from flytekit.core.resources import Resources, ResourceSpec, construct_resource_spec
from flytekit.core.secrets import security_context_from_secrets
from flytekit.core.tracker import TrackedInstance, extract_task_module
from flytekit.errors import FlyteAssertion, FlyteEntityNotExistException

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, tasks_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")

if TYPE_CHECKING:
    from flytekit.configuration import ImageConfig, SerializationSettings
    from flytekit.extras.accelerators import BaseAccelerator
    from flytekit.image_spec.image_spec import ImageSpec

RUNTIME_PACKAGES_ENV_NAME = "_F_RUNTIME_PACKAGES"

_IMAGE_TEMPLATE = re.compile(r"\{\{\s*\.image\.(\w+)(?:\.(fqn|version))?\s*\}\}")


def get_registerable_container_image(img: str | ImageSpec | None, cfg: ImageConfig) -> str:
    """The image reference to serialize: the default image, ``img`` as-is, or ``img`` with templates resolved.

    An ImageSpec names the image configured under its id, else its own ``image_name()`` after asking its
    builder to make sure the image exists (see ``flytekit.image_spec``).
    """
    if is_image_spec(img):
        configured = cfg.find_image(img.id)
        if configured is not None and configured.full:
            return configured.full
        from flytekit.image_spec import ImageBuildEngine

        ImageBuildEngine.build(img)
        return img.image_name()
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

    assert isinstance(img, str)
    return _IMAGE_TEMPLATE.sub(resolve, img)


def is_image_spec(img: object) -> TypeGuard[ImageSpec]:
    """Whether ``img`` is an ImageSpec, without importing ``flytekit.image_spec`` when none was created."""
    module = sys.modules.get("flytekit.image_spec.image_spec")
    return module is not None and isinstance(img, module.ImageSpec)


def update_image_spec_copy_handling(image_spec: ImageSpec, settings: SerializationSettings) -> None:
    """Decide which source files an ImageSpec ships, from fast registration (flytekit's rule).

    An explicit copy mode other than NO_COPY gets the settings' source root when it has none. Without
    one, a non-fast serialization with a known source root ships the loaded modules from it.
    """
    from flytekit.tools.fast_registration import CopyFileDetection

    if image_spec.source_copy_mode is not None:
        copies = image_spec.source_copy_mode != CopyFileDetection.NO_COPY
        if copies and image_spec.source_root is None and settings.source_root is not None:
            image_spec.source_root = settings.source_root
        return
    fast = settings.fast_serialization_settings
    fast_enabled = fast is not None and fast.enabled
    if not fast_enabled and (settings.source_root is not None or image_spec.source_root is not None):
        if image_spec.source_root is None:
            image_spec.source_root = settings.source_root
        image_spec.source_copy_mode = CopyFileDetection.LOADED_MODULES


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
        secret_requests: list[Any] | None = None,
        pod_template: PodTemplate | None = None,
        pod_template_name: str | None = None,
        accelerator: BaseAccelerator | None = None,
        shared_memory: SharedMemory = None,
        **kwargs: Any,
    ) -> None:
        metadata = metadata or TaskMetadata()
        if pod_template_name is not None:
            metadata.pod_template_name = pod_template_name
        # Validated before the base class lists the task in FlyteEntities: every listed task has all
        # of the attributes below.
        if (
            container_image is not None
            and not isinstance(container_image, str)
            and not is_image_spec(container_image)
        ):
            raise FlyteAssertion(
                f"Task '{name}': container_image must be an image name or an ImageSpec, got {container_image!r}"
            )
        validate_shared_memory(name, shared_memory)
        security_ctx = security_context_from_secrets(name, secret_requests)
        resource_spec = construct_resource_spec(requests=requests, limits=limits, resources=resources)
        super().__init__(
            task_type=task_type,
            name=name,
            interface=interface,
            metadata=metadata,
            security_ctx=security_ctx,
            **kwargs,
        )
        self._task_config = task_config
        self._container_image = container_image
        self._resources = resource_spec
        self._environment = dict(environment or {})
        self._task_resolver = task_resolver or default_task_resolver
        self.pod_template = pod_template
        self.accelerator = accelerator
        self.shared_memory = shared_memory

    @property
    def task_config(self) -> Any:
        return self._task_config

    @property
    def container_image(self) -> str | ImageSpec | None:
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
        if is_image_spec(self._container_image):
            update_image_spec_copy_handling(self._container_image, settings)
        return get_registerable_container_image(self._container_image, settings.image_config)

    def get_container(self, settings: SerializationSettings) -> tasks_pb2.Container | None:
        # With a pod template the container lives inside k8s_pod (see get_k8s_pod).
        if self.pod_template is not None:
            return None
        return self._get_container(settings)

    def _get_container(self, settings: SerializationSettings) -> tasks_pb2.Container:
        env = {**(settings.env or {}), **self._environment}
        runtime_packages = getattr(self._container_image, "runtime_packages", None)
        if runtime_packages:
            env[RUNTIME_PACKAGES_ENV_NAME] = " ".join(runtime_packages)
        spec = self._resources
        if spec.is_empty() and settings.default_resources is not None:
            spec = settings.default_resources
        return tasks_pb2.Container(
            image=self.get_image(settings),
            args=self.get_command(settings),
            resources=spec.to_idl(),
            env=[literals_pb2.KeyValuePair(key=k, value=v) for k, v in env.items()],
        )

    def get_k8s_pod(self, settings: SerializationSettings) -> tasks_pb2.K8sPod | None:
        if self.pod_template is None:
            return None
        return k8s_pod_from_template(self.pod_template, self._get_container(settings), settings)

    def get_config(self, settings: SerializationSettings) -> dict[str, str] | None:
        if self.pod_template is None:
            return {}
        return {PRIMARY_CONTAINER_NAME_FIELD: self.pod_template.primary_container_name}

    def get_extended_resources(self, settings: SerializationSettings) -> tasks_pb2.ExtendedResources | None:
        return construct_extended_resources(accelerator=self.accelerator, shared_memory=self.shared_memory)


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
