"""The task node handler: runs a task attempt through its plugin (flyte-propeller.md §3.2).

Every round: resolve the plugin for the task type, build the task execution context (ids, paths
of §3.4), call the plugin, check the outputs once it reports success (``error.pb`` wins, then a
missing ``outputs.pb`` is a retryable ``OutputsNotFound``), send a task event unless the
(plugin phase, version) pair was already recorded, persist the plugin state in
``TaskNodeStatus`` and map the plugin phase to a handler phase.
"""

from __future__ import annotations

import logging

from flyteidl.core import catalog_pb2, errors_pb2, execution_pb2, identifier_pb2, tasks_pb2
from flyteidl.event import event_pb2
from flytepropeller.events.building import task_event
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition
from flytepropeller.plugins import core
from flytepropeller.plugins.registry import PluginRegistry
from flytestdlib.errors import CorruptBlob
from flytestdlib.flyteworkflow import fixed_length_unique_id, fnv32a
from flytestdlib.storage import read_proto

logger = logging.getLogger(__name__)

FUTURES_FILE = "futures.pb"
_SHARD_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_TASK = execution_pb2.TaskExecution
_EVENT_PHASES = {
    core.PluginPhase.QUEUED: _TASK.QUEUED,
    core.PluginPhase.INITIALIZING: _TASK.INITIALIZING,
    core.PluginPhase.WAITING_FOR_RESOURCES: _TASK.WAITING_FOR_RESOURCES,
    core.PluginPhase.RUNNING: _TASK.RUNNING,
    core.PluginPhase.SUCCESS: _TASK.SUCCEEDED,
    core.PluginPhase.RETRYABLE_FAILURE: _TASK.FAILED,
    core.PluginPhase.PERMANENT_FAILURE: _TASK.FAILED,
    core.PluginPhase.ABORTED: _TASK.ABORTED,
}


def shard_prefix(name: str) -> str:
    """Two characters of ``[a-z0-9]`` picked by ``fnv32a(name) % 1296``."""
    index = fnv32a(name) % (len(_SHARD_ALPHABET) ** 2)
    return _SHARD_ALPHABET[index // len(_SHARD_ALPHABET)] + _SHARD_ALPHABET[index % len(_SHARD_ALPHABET)]


class TaskHandler:
    """Handler of task nodes."""

    def __init__(self, plugins: PluginRegistry) -> None:
        self._plugins = plugins

    @property
    def finalize_required(self) -> bool:
        return True

    def handle(self, ctx: NodeContext) -> Transition:
        template = ctx.wf.task(ctx.node.task_key)
        plugin = self._plugins.resolve(template.type)
        tctx = self.task_context(ctx, template, plugin.properties.generated_name_max_length)
        transition = plugin.handle(tctx)
        info = transition.info
        if info.version > ctx.settings.max_plugin_phase_versions:
            info = core.failure(
                "TooManyPluginPhaseVersions",
                f"plugin {plugin.id} reported more than {ctx.settings.max_plugin_phase_versions} versions of one phase",
            )
        output_uri = ""
        if info.phase is core.PluginPhase.SUCCESS:
            info, output_uri = self._check_outputs(ctx, template, info)
        status = ctx.status.task_node_status
        observed = (
            "phase" in status.raw and status.phase == int(info.phase) and status.phase_version == info.version
        )
        if not observed:
            ctx.events.task(self._event(ctx, tctx, plugin.id, info, output_uri))
            status.phase = int(info.phase)
            status.phase_version = info.version
            status.updated_at = ctx.now
        status.plugin_state = transition.state
        status.checkpoint_path = tctx.checkpoint_prefix
        status.cleanup_on_failure = info.cleanup_on_failure
        metadata = event_pb2.TaskNodeMetadata(
            cache_status=catalog_pb2.CACHE_DISABLED, checkpoint_uri=tctx.checkpoint_prefix
        )
        if info.phase is core.PluginPhase.SUCCESS:
            return Transition(
                HandlerPhase.SUCCESS, info.occurred_at, output_uri=output_uri, task_node_metadata=metadata
            )
        if info.phase is core.PluginPhase.RETRYABLE_FAILURE:
            return Transition(
                HandlerPhase.RETRYABLE_FAILURE,
                info.occurred_at,
                info.error,
                task_node_metadata=metadata,
                reason=info.reason,
            )
        if info.phase in (core.PluginPhase.PERMANENT_FAILURE, core.PluginPhase.ABORTED):
            return Transition(
                HandlerPhase.FAILED,
                info.occurred_at,
                info.error,
                task_node_metadata=metadata,
                reason=info.reason,
            )
        return Transition(
            HandlerPhase.RUNNING, info.occurred_at, task_node_metadata=metadata, reason=info.reason
        )

    def abort(self, ctx: NodeContext, reason: str) -> None:
        status = ctx.status.task_node_status
        plugin_phase = core.PluginPhase(status.phase)
        if plugin_phase.is_terminal and not (plugin_phase.is_failure and status.cleanup_on_failure):
            return
        template = ctx.wf.task(ctx.node.task_key)
        plugin = self._plugins.resolve(template.type)
        tctx = self.task_context(ctx, template, plugin.properties.generated_name_max_length)
        plugin.abort(tctx)
        phase = _TASK.FAILED if plugin_phase.is_failure else _TASK.ABORTED
        error = execution_pb2.ExecutionError(
            code="Task Aborted", message=reason, kind=execution_pb2.ExecutionError.SYSTEM
        )
        event = task_event(
            template.id,
            ctx.node_execution_id,
            ctx.status.attempts,
            phase,
            status.phase_version + 1,
            ctx.now,
            ctx.now,
            producer_id=ctx.settings.producer_id,
            task_type=template.type,
            reason=reason,
            metadata=event_pb2.TaskExecutionMetadata(
                generated_name=tctx.generated_name, plugin_identifier=plugin.id
            ),
            input_uri=ctx.inputs_uri,
            error=error,
        )
        ctx.events.task(event, cleaning_up=True)
        status.phase = int(
            core.PluginPhase.PERMANENT_FAILURE if plugin_phase.is_failure else core.PluginPhase.ABORTED
        )
        status.phase_version = status.phase_version + 1

    def finalize(self, ctx: NodeContext) -> None:
        template = ctx.wf.task(ctx.node.task_key)
        plugin = self._plugins.resolve(template.type)
        plugin.finalize(self.task_context(ctx, template, plugin.properties.generated_name_max_length))

    def task_context(
        self, ctx: NodeContext, template: tasks_pb2.TaskTemplate, name_max_length: int
    ) -> core.TaskExecutionContext:
        """Ids, names and paths of the current attempt (flyte-propeller.md §3.4)."""
        wf = ctx.wf
        attempt = ctx.status.attempts
        generated_name = fixed_length_unique_id(f"{wf.name}-{ctx.unique_id}-{attempt}", name_max_length)
        raw_base = wf.raw_output_prefix or ctx.settings.raw_output_prefix or ctx.blobs.join("raw")
        raw_prefix = ctx.blobs.join(raw_base, shard_prefix(generated_name), generated_name)
        previous = ""
        if attempt > 0:
            previous_name = fixed_length_unique_id(
                f"{wf.name}-{ctx.unique_id}-{attempt - 1}", name_max_length
            )
            previous = ctx.blobs.join(
                raw_base, shard_prefix(previous_name), previous_name, "_flytecheckpoints"
            )
        interruptible = ctx.node.interruptible
        if interruptible is None:
            interruptible = wf.interruptible
        min_attempts = ctx.node.min_attempts
        max_attempts = (
            min_attempts if min_attempts and min_attempts != 1 else ctx.settings.default_max_attempts
        )
        env = dict(wf.environment_variables)
        env.update(ctx.settings.default_env_vars)
        env.update(ctx.extra_env)
        return core.TaskExecutionContext(
            task_execution_id=identifier_pb2.TaskExecutionIdentifier(
                task_id=template.id, node_execution_id=ctx.node_execution_id, retry_attempt=attempt
            ),
            template=template,
            generated_name=generated_name,
            namespace=wf.namespace,
            workflow_id=ctx.spec.id,
            inputs_uri=ctx.inputs_uri,
            input_prefix=ctx.data_dir,
            output_prefix=ctx.output_dir,
            raw_output_prefix=raw_prefix,
            checkpoint_prefix=ctx.blobs.join(raw_prefix, "_flytecheckpoints"),
            prev_checkpoint_prefix=previous,
            task_template_uri=ctx.blobs.join(ctx.data_dir, "task.pb"),
            blobs=ctx.blobs,
            labels=wf.labels,
            annotations=wf.annotations,
            env_vars=env,
            interruptible=interruptible,
            max_attempts=max_attempts,
            service_account=wf.service_account_name,
            container_image=ctx.node.container_image,
            resources=ctx.node.resources,
            plugin_state=ctx.status.task_node_status.plugin_state,
            plugin_state_version=ctx.status.task_node_status.plugin_state_version,
        )

    def _check_outputs(
        self, ctx: NodeContext, template: tasks_pb2.TaskTemplate, info: core.PhaseInfo
    ) -> tuple[core.PhaseInfo, str]:
        error_uri = ctx.blobs.join(ctx.output_dir, "error.pb")
        if ctx.blobs.exists(error_uri):
            try:
                document = read_proto(ctx.blobs, error_uri, errors_pb2.ErrorDocument)
            except CorruptBlob as corrupt:
                return (
                    core.system_retryable_failure(
                        "ErrorFileBadFormat", f"error file {error_uri} is malformed: {corrupt}", info.logs
                    ),
                    "",
                )
            container_error = document.error
            error = execution_pb2.ExecutionError(
                code=container_error.code,
                message=container_error.message,
                kind=container_error.origin,
                worker=container_error.worker,
            )
            if container_error.HasField("timestamp"):
                error.timestamp.CopyFrom(container_error.timestamp)
            recoverable = container_error.kind == errors_pb2.ContainerError.RECOVERABLE
            phase = core.PluginPhase.RETRYABLE_FAILURE if recoverable else core.PluginPhase.PERMANENT_FAILURE
            return core.PhaseInfo(
                phase, 0, info.occurred_at, logs=info.logs, reason=container_error.message, error=error
            ), ""
        if ctx.blobs.exists(ctx.blobs.join(ctx.output_dir, FUTURES_FILE)):
            return info, ""  # a dynamic task: its outputs come from the workflow it generated
        outputs_uri = ctx.outputs_uri
        has_outputs = ctx.blobs.exists(outputs_uri)
        if template.interface.outputs.variables and not has_outputs:
            missing = execution_pb2.ExecutionError(
                code="OutputsNotFound", message="Outputs not generated by task execution"
            )
            return (
                core.PhaseInfo(
                    core.PluginPhase.RETRYABLE_FAILURE,
                    0,
                    info.occurred_at,
                    logs=info.logs,
                    reason=missing.message,
                    error=missing,
                ),
                "",
            )
        return info, outputs_uri if has_outputs else ""

    def _event(
        self,
        ctx: NodeContext,
        tctx: core.TaskExecutionContext,
        plugin_id: str,
        info: core.PhaseInfo,
        output_uri: str,
    ) -> event_pb2.TaskExecutionEvent:
        instance = (
            event_pb2.TaskExecutionMetadata.INTERRUPTIBLE
            if tctx.interruptible
            else event_pb2.TaskExecutionMetadata.DEFAULT
        )
        return task_event(
            tctx.template.id,
            ctx.node_execution_id,
            tctx.attempt,
            _EVENT_PHASES.get(info.phase, _TASK.UNDEFINED),
            info.version,
            info.reported_at or info.occurred_at,
            ctx.now,
            producer_id=ctx.settings.producer_id,
            task_type=tctx.template.type,
            reason=info.reason,
            logs=info.logs,
            metadata=event_pb2.TaskExecutionMetadata(
                generated_name=tctx.generated_name, plugin_identifier=plugin_id, instance_class=instance
            ),
            custom_info=info.custom_info,
            input_uri=ctx.inputs_uri,
            output_uri=output_uri,
            error=info.error if info.phase.is_failure else None,
        )
