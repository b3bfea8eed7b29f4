"""``PodTemplate``: run a task as a whole Kubernetes pod spec instead of a bare container.

A task with a pod template is serialized with ``k8s_pod`` (pod spec as a struct, plus labels and
annotations) and no ``container``; ``config`` names the primary container. The task's own container
(image, command, args, resources, env) is merged into the container called
``primary_container_name``, which is added when the spec lacks it; env entries of the task come
first, then the spec's. Other containers keep their settings, their images resolved like task images.
The ``kubernetes`` package (our ``kubernetes`` extra) carries the spec; it is imported only when a
template is built or serialized.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, is_dataclass
from typing import TYPE_CHECKING, Any

from flytekit.errors import FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import tasks_pb2
    from flytekit.configuration import SerializationSettings

PRIMARY_CONTAINER_DEFAULT_NAME = "primary"
PRIMARY_CONTAINER_NAME_FIELD = "primary_container_name"


def _import_kubernetes_client() -> Any:
    try:
        import kubernetes.client
    except ImportError as exc:
        raise ImportError(
            "PodTemplate needs the 'kubernetes' package; install it with `pip install kubernetes` "
            "(or this project's `kubernetes` extra)."
        ) from exc
    return kubernetes.client


def _plain(obj: Any) -> Any:
    """A JSON-able view of a pod template (kubernetes models via ``to_dict``; ImageSpec images by name)."""
    if hasattr(obj, "to_dict"):
        data = obj.to_dict()
        image_name = getattr(getattr(obj, "image", None), "image_name", None)
        if type(obj).__name__ == "V1Container" and callable(image_name):
            data["image"] = image_name()
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(obj, list):
        return [_plain(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if is_dataclass(obj) and not isinstance(obj, type):
        return _plain(asdict(obj))
    return obj


@dataclass
class PodTemplate:
    """``PodTemplate(pod_spec=V1PodSpec(...), primary_container_name="primary", labels=None, annotations=None)``."""

    pod_spec: Any = None
    primary_container_name: str = PRIMARY_CONTAINER_DEFAULT_NAME
    labels: dict[str, str] | None = None
    annotations: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.pod_spec is None:
            self.pod_spec = _import_kubernetes_client().V1PodSpec(containers=[])
        if not self.primary_container_name:
            raise FlyteValidationException(
                "PodTemplate needs a primary_container_name (the container the task runs in); pass a non-empty name."
            )

    def version_hash(self) -> str:
        """sha256 of the template's canonical JSON (used by cache policies)."""
        import hashlib
        import json

        canonical = json.dumps(_plain(self), sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _resource_key(entry: tasks_pb2.Resources.ResourceEntry) -> str:
    from flyteidl.core import tasks_pb2

    return tasks_pb2.Resources.ResourceName.Name(entry.name).lower().replace("_", "-")


def serialize_pod_spec(
    pod_template: PodTemplate,
    primary: tasks_pb2.Container,
    settings: SerializationSettings,
    args_unset: bool = False,
) -> dict[str, Any]:
    """The pod spec of ``pod_template`` with the task's container merged in, as Kubernetes JSON.

    ``args_unset``: the task has no arguments at all (a ContainerTask without ``arguments``), so the
    primary container gets no ``args`` key rather than an empty list.
    """
    import copy

    from flytekit.core.python_auto_container import get_registerable_container_image

    k8s = _import_kubernetes_client()
    template = copy.deepcopy(pod_template)
    spec = template.pod_spec
    containers = list(spec.containers or [])
    if not any(c.name == template.primary_container_name for c in containers):
        containers.append(k8s.V1Container(name=template.primary_container_name))
    for container in containers:
        if container.name != template.primary_container_name:
            container.image = get_registerable_container_image(container.image, settings.image_config)
            continue
        if container.image is None:
            container.image = primary.image
        else:
            container.image = get_registerable_container_image(container.image, settings.image_config)
        container.command = list(primary.command)
        container.args = None if args_unset else list(primary.args)
        limits = {_resource_key(e): e.value for e in primary.resources.limits}
        requests = {_resource_key(e): e.value for e in primary.resources.requests}
        if limits or requests:
            container.resources = k8s.V1ResourceRequirements(limits=limits, requests=requests)
        task_env = [k8s.V1EnvVar(name=kv.key, value=kv.value) for kv in primary.env]
        container.env = task_env + list(container.env or [])
    spec.containers = containers
    result: dict[str, Any] = k8s.ApiClient().sanitize_for_serialization(spec)
    return result


def k8s_pod_from_template(
    pod_template: PodTemplate,
    primary: tasks_pb2.Container,
    settings: SerializationSettings,
    data_config: tasks_pb2.DataLoadingConfig | None = None,
    args_unset: bool = False,
) -> tasks_pb2.K8sPod:
    """The ``K8sPod`` message of a task with a pod template (``data_config`` for raw containers)."""
    from google.protobuf import json_format, struct_pb2

    from flyteidl.core import tasks_pb2

    pod = tasks_pb2.K8sPod(
        metadata=tasks_pb2.K8sObjectMetadata(
            labels=pod_template.labels or {}, annotations=pod_template.annotations or {}
        ),
        pod_spec=json_format.ParseDict(
            serialize_pod_spec(pod_template, primary, settings, args_unset), struct_pb2.Struct()
        ),
    )
    if data_config is not None:
        pod.data_config.CopyFrom(data_config)
    return pod


def _override_container(task: Any, settings: SerializationSettings) -> tasks_pb2.Container:
    """The container a node-level pod template wraps: the task's own, even when the task itself has
    a pod template (then ``get_container`` is empty); for a map task, with the map command as args."""
    from flytekit.core.array_node_map_task import ArrayNodeMapTask

    if isinstance(task, ArrayNodeMapTask):
        mapped = task.get_container(settings)
        if mapped is None:
            # The inner task has a pod template of its own. flytekit 1.16 then prefixes the (already
            # fast-prefixed) map command a second time under fast registration; kept for equal protos.
            container = _override_container(task.python_function_task, settings)
            command = task.get_command(settings)
            fast = settings.fast_serialization_settings
            if fast is not None and fast.enabled:
                command = [*command[: command.index("--") + 1], *command]
            del container.args[:]
            container.args.extend(command)
            return container
        return mapped
    build = getattr(task, "_get_container", None) or getattr(task, "_container", None)
    if build is None:
        raise FlyteValidationException(
            f"Task '{task.name}' ({type(task).__name__}) runs no container of its own, so a node cannot "
            "override its pod template; drop pod_template from with_overrides."
        )
    built: tasks_pb2.Container = build(settings)
    return built


def override_k8s_pod(
    pod_template: PodTemplate, task: Any, settings: SerializationSettings
) -> tasks_pb2.K8sPod:
    """``TaskNodeOverrides.pod_template`` of a node calling ``task`` with ``with_overrides(pod_template=...)``.

    Unlike a task's own ``k8s_pod``, it names the primary container and always carries a metadata
    message (empty without labels and annotations); the task's container (image, command, env and
    resources as the task declares them, not the node's resource overrides) is merged into it.
    """
    from google.protobuf import json_format, struct_pb2

    from flyteidl.core import tasks_pb2

    spec = serialize_pod_spec(pod_template, _override_container(task, settings), settings)
    return tasks_pb2.K8sPod(
        metadata=tasks_pb2.K8sObjectMetadata(
            labels=pod_template.labels or {}, annotations=pod_template.annotations or {}
        ),
        pod_spec=json_format.ParseDict(spec, struct_pb2.Struct()),
        primary_container_name=pod_template.primary_container_name,
    )
