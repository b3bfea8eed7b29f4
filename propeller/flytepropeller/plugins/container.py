"""The container plugin: runs a task's container as a pod on the configured ``Cluster``.

Plays the parts of Flyte's pod plugin and k8s plugin manager together (flyte-propeller.md §3.3,
§3.5, §3.6): the first round builds the pod (templated command line, ``FLYTE_INTERNAL_*`` env vars,
labels) and creates it, treating "already exists" as success so a repeated round adopts the pod it
started before; later rounds read the pod's status and map it to a plugin phase. The plugin state
(persisted base64 in ``TaskNodeStatus.pState``) is a small JSON object.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from flyteidl.core import execution_pb2, literals_pb2, tasks_pb2
from flytepropeller.cluster import Cluster, PodPhase, PodSpec, PodStatus
from flytepropeller.errors import PodAlreadyExists, PodNotFound
from flytepropeller.plugins import core
from flytepropeller.plugins.templating import TemplateError, TemplateValues, render
from flytestdlib.flyteworkflow import sanitize_label_value
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

PLUGIN_ID = "container"
TASK_TYPES = ("container", "python-task")
PRIMARY_CONTAINER_ANNOTATION = "primary_container_name"

_NOT_STARTED = 0
_STARTED = 2
_QUANTITY = re.compile(r"^([0-9.]+)([A-Za-z]*)$")
_SUFFIXES = {
    "": 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
}
_MEMORY = tasks_pb2.Resources.MEMORY


@dataclass(frozen=True)
class _State:
    phase: int = _NOT_STARTED
    plugin_phase: int = 0
    version: int = 0
    reason: str = ""

    def encode(self) -> bytes:
        return json.dumps(
            {
                "phase": self.phase,
                "pluginPhase": self.plugin_phase,
                "version": self.version,
                "reason": self.reason,
            }
        ).encode()

    @staticmethod
    def decode(raw: bytes) -> _State:
        if not raw:
            return _State()
        data = json.loads(raw)
        return _State(int(data["phase"]), int(data["pluginPhase"]), int(data["version"]), str(data["reason"]))


class ContainerPlugin:
    """Plugin for container-based tasks (``python-task``, ``container``), default for other types."""

    def __init__(self, cluster: Cluster) -> None:
        self._cluster = cluster

    @property
    def id(self) -> str:
        return PLUGIN_ID

    @property
    def properties(self) -> core.PluginProperties:
        return core.PluginProperties()

    def handle(self, ctx: core.TaskExecutionContext) -> core.PluginTransition:
        state = _State.decode(ctx.plugin_state)
        logs = tuple(self._cluster.log_links(ctx.namespace, ctx.generated_name))
        if state.phase == _NOT_STARTED:
            return self._launch(ctx, logs)
        try:
            status = self._cluster.get(ctx.namespace, ctx.generated_name)
        except PodNotFound:
            info = core.system_retryable_failure(
                "ResourceDeletedExternally",
                f"pod {ctx.namespace}/{ctx.generated_name} was deleted before it finished",
                logs,
            )
            return core.PluginTransition(info, state.encode())
        info = pod_phase_info(status, logs)
        version = info.version
        if (
            info.phase == state.plugin_phase
            and info.phase != core.PluginPhase.RUNNING
            and info.reason != state.reason
        ):
            version = state.version + 1
        elif info.phase == state.plugin_phase:
            version = max(version, state.version)
        info = info.with_version(version)
        return core.PluginTransition(info, _State(_STARTED, int(info.phase), version, info.reason).encode())

    def abort(self, ctx: core.TaskExecutionContext) -> None:
        try:
            self._cluster.delete(ctx.namespace, ctx.generated_name)
        except PodNotFound:
            logger.debug("pod %s/%s already gone on abort", ctx.namespace, ctx.generated_name)

    def finalize(self, ctx: core.TaskExecutionContext) -> None:
        """Nothing to release: pods are kept (like Flyte's default) so their result stays readable."""

    def _launch(
        self, ctx: core.TaskExecutionContext, logs: tuple[execution_pb2.TaskLog, ...]
    ) -> core.PluginTransition:
        try:
            pod = build_pod(ctx)
        except (TemplateError, ValueError) as error:
            info = core.failure(
                "BadTaskSpecification", f"cannot build the pod for task {ctx.template.id.name}: {error}"
            )
            return core.PluginTransition(info, _State().encode())
        try:
            self._cluster.create(pod)
        except PodAlreadyExists:
            logger.info("pod %s/%s exists already; adopting it", pod.namespace, pod.name)
        info = core.queued("task submitted to K8s", logs)
        return core.PluginTransition(info, _State(_STARTED, int(info.phase), 0, info.reason).encode())


def build_pod(ctx: core.TaskExecutionContext) -> PodSpec:
    """The pod for one attempt: templated command line, Flyte env vars, labels and memory limit."""
    template = ctx.template
    if not template.HasField("container"):
        raise ValueError(
            f"task {template.id.name} of type {template.type!r} has no container; the container plugin "
            "runs only container tasks"
        )
    container = template.container
    values = TemplateValues(
        input=ctx.inputs_uri,
        input_prefix=ctx.input_prefix,
        output_prefix=ctx.output_prefix,
        raw_output_data_prefix=ctx.raw_output_prefix,
        checkpoint_output_prefix=ctx.checkpoint_prefix,
        prev_checkpoint_prefix=ctx.prev_checkpoint_prefix,
        per_retry_unique_key=ctx.generated_name,
        namespace=ctx.namespace,
        task_template_path=lambda: _write_template(ctx),
        inputs=lambda: read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap),
    )
    command = render([*container.command, *container.args], values)
    env = {pair.key: pair.value for pair in container.env}
    env.update(flyte_env_vars(ctx))
    labels = dict(ctx.labels)
    labels.update(
        {
            "node-id": sanitize_label_value(ctx.task_execution_id.node_execution_id.node_id),
            "task-name": sanitize_label_value(template.id.name),
            "interruptible": "true" if ctx.interruptible else "false",
        }
    )
    annotations = dict(ctx.annotations)
    annotations[PRIMARY_CONTAINER_ANNOTATION] = ctx.generated_name
    return PodSpec(
        namespace=ctx.namespace,
        name=ctx.generated_name,
        command=command,
        env=env,
        image=ctx.container_image or container.image,
        labels=labels,
        annotations=annotations,
        memory_limit_bytes=_memory_limit(container, ctx.resources),
    )


def flyte_env_vars(ctx: core.TaskExecutionContext) -> dict[str, str]:
    """The env vars the pod plugin adds (§3.5 step 3), then execution-config and default vars."""
    execution = ctx.execution_id
    task = ctx.template.id
    env = {
        "FLYTE_INTERNAL_EXECUTION_WORKFLOW": ctx.workflow_id,
        "FLYTE_INTERNAL_EXECUTION_ID": execution.name,
        "FLYTE_INTERNAL_EXECUTION_PROJECT": execution.project,
        "FLYTE_INTERNAL_EXECUTION_DOMAIN": execution.domain,
        "FLYTE_ATTEMPT_NUMBER": str(ctx.attempt),
        "FLYTE_INTERNAL_TASK_PROJECT": task.project,
        "FLYTE_INTERNAL_TASK_DOMAIN": task.domain,
        "FLYTE_INTERNAL_TASK_NAME": task.name,
        "FLYTE_INTERNAL_TASK_VERSION": task.version,
    }
    env.update(ctx.env_vars)
    return env


def pod_phase_info(status: PodStatus, logs: tuple[execution_pb2.TaskLog, ...]) -> core.PhaseInfo:
    """Map a pod status to a plugin phase (§3.6, for a single primary container)."""
    if status.phase is PodPhase.PENDING:
        return core.initializing(status.reason or "ContainerCreating", logs)
    if status.phase is PodPhase.RUNNING:
        return core.running(1 if logs else 0, logs, status.started_at)
    if status.phase is PodPhase.SUCCEEDED:
        return core.success(logs, status.finished_at)
    code = status.exit_code
    if status.reason == "OOMKilled":
        return core.retryable_failure("OOMKilled", _termination_message(status), logs)
    if status.reason == "Interrupted" or code in (137, 247):
        return core.system_retryable_failure("Interrupted", _termination_message(status), logs)
    return core.retryable_failure(status.reason or "UnknownError", _termination_message(status), logs)


def _termination_message(status: PodStatus) -> str:
    return (
        f"[primary] terminated with exit code ({status.exit_code}). Reason [{status.reason}]. "
        f"Message: \n{status.message}."
    )


def _memory_limit(container: tasks_pb2.Container, overrides: dict[str, dict[str, str]]) -> int | None:
    value = (overrides.get("limits") or {}).get("memory")
    if value is None:
        for entry in container.resources.limits:
            if entry.name == _MEMORY:
                value = entry.value
    return parse_quantity(value) if value else None


def parse_quantity(value: str) -> int:
    """Bytes of a Kubernetes quantity such as ``500Mi``, ``1G`` or ``1024``."""
    match = _QUANTITY.match(value.strip())
    if match is None or match.group(2) not in _SUFFIXES:
        raise ValueError(f"memory quantity {value!r} is not a Kubernetes quantity such as '500Mi' or '1G'")
    return int(float(match.group(1)) * _SUFFIXES[match.group(2)])


def _write_template(ctx: core.TaskExecutionContext) -> str:
    write_proto(ctx.blobs, ctx.task_template_uri, ctx.template)
    return ctx.task_template_uri
