"""The workflow node handler for launch plans (``launchPlanRefId``, flyte-propeller.md §2.7).

The launch plan runs as a separate child execution that admin creates and another round of this
(or another) propeller runs. ``workflowNodeStatus.phase`` drives the node:
* Undefined: create the child through admin ``CreateExecution`` — mode CHILD_WORKFLOW, this node's
  execution id as parent, the node's inputs, the parent's labels, annotations, security context,
  raw output location, parallelism, interruptible and cache-overwrite settings — then Executing.
  The child's name is derived from (execution, node unique id, attempt) only, so a round repeated
  after a crash or a lost status write finds the child that exists (ALREADY_EXISTS) instead of
  launching a second one. In recovery mode a child that succeeded in the recovered execution is
  recovered (``RecoverExecution``) rather than run again.
* Executing: read the child's phase (at most once per poll interval). SUCCEEDED: its outputs
  (``GetExecutionData``) become the node's outputs.pb; FAILED/TIMED_OUT: the node fails with the
  child's error (``LaunchPlanExecutionFailed`` if it has none); ABORTED: USER
  ``RemoteChildWorkflowExecutionFailed``; child unknown to admin: SYSTEM failure.
Abort terminates the child with a cascading reason. No finalize.
"""

from __future__ import annotations

import logging

from flyteidl.admin import common_pb2, execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.event import event_pb2
from flytepropeller.controlplane import AdminClient
from flytepropeller.errors import AdminAlreadyExists, AdminNotFound, AdminRequestRejected
from flytepropeller.nodes.handler import HandlerPhase, NodeContext, Transition
from flytepropeller.nodes.polling import PollLimiter
from flytepropeller.nodes.recovering import recovery_execution
from flytestdlib.flyteworkflow import (
    LABEL_COMPLETED_TIME,
    LABEL_DOMAIN,
    LABEL_EXECUTION_ID,
    LABEL_PROJECT,
    LABEL_SHARD_KEY,
    LABEL_TERMINATION_STATUS,
    LABEL_WORKFLOW_NAME,
    WorkflowNodePhase,
    fixed_length_unique_id,
)
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

_ERROR = core_execution_pb2.ExecutionError
_WF = core_execution_pb2.WorkflowExecution
_NODE = core_execution_pb2.NodeExecution
CHILD_NAME_LENGTH = 20
# Labels that name the parent's own object; the child gets its own from admin.
_OBJECT_LABELS = frozenset(
    {
        LABEL_EXECUTION_ID,
        LABEL_PROJECT,
        LABEL_DOMAIN,
        LABEL_WORKFLOW_NAME,
        LABEL_SHARD_KEY,
        LABEL_TERMINATION_STATUS,
        LABEL_COMPLETED_TIME,
    }
)


def child_execution_id(ctx: NodeContext) -> identifier_pb2.WorkflowExecutionIdentifier:
    """``<execution>-<node unique id>-<attempt>``, shortened to 20 characters by a hash if longer."""
    parent = ctx.execution_id
    wide = (ctx.wf.status.definition_version or 0) >= 1
    name = fixed_length_unique_id(
        f"{parent.name}-{ctx.unique_id}-{ctx.status.attempts}", CHILD_NAME_LENGTH, wide_hash=wide
    )
    return identifier_pb2.WorkflowExecutionIdentifier(project=parent.project, domain=parent.domain, name=name)


class LaunchPlanHandler:
    """Runs launch-plan workflow nodes as child executions through ``admin``."""

    def __init__(self, admin: AdminClient | None, *, poll_interval: float = 0.0) -> None:
        self._admin = admin
        self._polls = PollLimiter(poll_interval)

    @property
    def finalize_required(self) -> bool:
        return False

    def handle(self, ctx: NodeContext) -> Transition:
        launch_plan = ctx.node.launch_plan_ref
        assert launch_plan is not None, "the workflow handler sends only launch-plan nodes here"
        if self._admin is None:
            return _failed(
                ctx,
                "RuntimeExecutionError",
                f"Node {ctx.node.id!r} launches launch plan {launch_plan.name}, but this propeller has no admin "
                "client to create the child execution; start it with one (the sandbox and the operator do).",
                _ERROR.SYSTEM,
            )
        state = ctx.status.workflow_node_status
        child = child_execution_id(ctx)
        if state.phase is WorkflowNodePhase.UNDEFINED:
            refused = self._launch(ctx, self._admin, launch_plan, child)
            if refused is not None:
                return refused
            state.phase = WorkflowNodePhase.EXECUTING
            return Transition(HandlerPhase.RUNNING, ctx.now, workflow_node_metadata=_metadata(child))
        return self._check(ctx, self._admin, child)

    def abort(self, ctx: NodeContext, reason: str) -> None:
        if self._admin is None:
            return
        child = child_execution_id(ctx)
        self._polls.forget(_poll_key(ctx))
        cause = f"cascading abort as parent execution id [{ctx.execution_id.name}] aborted, reason [{reason}]"
        self._admin.terminate_execution(child, cause)
        logger.info("node %s of %s: terminated child execution %s", ctx.node.id, ctx.wf.name, child.name)

    def finalize(self, ctx: NodeContext) -> None:
        """The child execution finishes on its own."""

    def _launch(
        self,
        ctx: NodeContext,
        admin: AdminClient,
        launch_plan: identifier_pb2.Identifier,
        child: identifier_pb2.WorkflowExecutionIdentifier,
    ) -> Transition | None:
        """Create (or recover) the child; a Transition only when admin refused it for good."""
        parent = ctx.node_execution_id
        try:
            recovered = self._recovered_child(ctx, admin)
            if recovered is not None:
                try:
                    admin.recover_execution(
                        execution_pb2.ExecutionRecoverRequest(
                            id=recovered,
                            name=child.name,
                            metadata=execution_pb2.ExecutionMetadata(parent_node_execution=parent),
                        )
                    )
                    logger.info("node %s of %s: recovered child %s", ctx.node.id, ctx.wf.name, child.name)
                    return None
                except AdminNotFound:
                    logger.warning(
                        "node %s: child %s cannot be recovered; launching anew", ctx.node.id, recovered.name
                    )
            admin.create_execution(_create_request(ctx, launch_plan, child))
            logger.info(
                "node %s of %s: launched %s as %s", ctx.node.id, ctx.wf.name, launch_plan.name, child.name
            )
        except AdminAlreadyExists:
            logger.info(
                "node %s of %s: child execution %s exists already", ctx.node.id, ctx.wf.name, child.name
            )
        except AdminRequestRejected as error:
            return _failed(
                ctx, "RuntimeExecutionError", f"failed to launch workflow: {error}", _ERROR.USER, child
            )
        return None

    def _recovered_child(
        self, ctx: NodeContext, admin: AdminClient
    ) -> identifier_pb2.WorkflowExecutionIdentifier | None:
        """In recovery mode, the child that succeeded for this node in the recovered execution."""
        original = recovery_execution(ctx.wf)
        if original is None:
            return None
        try:
            previous = admin.get_node_execution(
                identifier_pb2.NodeExecutionIdentifier(node_id=ctx.unique_id, execution_id=original)
            )
        except AdminNotFound:
            return None
        metadata = previous.closure.workflow_node_metadata
        if previous.closure.phase == _NODE.SUCCEEDED and metadata.executionId.name:
            return metadata.executionId
        return None

    def _check(
        self, ctx: NodeContext, admin: AdminClient, child: identifier_pb2.WorkflowExecutionIdentifier
    ) -> Transition:
        if not self._polls.due(_poll_key(ctx), ctx.now):
            return Transition(HandlerPhase.RUNNING, ctx.now)
        try:
            execution = admin.get_execution(child)
        except AdminNotFound as missing:
            return _failed(
                ctx,
                "RemoteChildWorkflowExecutionNotFound",
                f"failed at Node[{ctx.node.id}]. launch-plan not found, caused by: {missing}",
                _ERROR.SYSTEM,
                child,
            )
        closure = execution.closure
        phase = closure.phase
        if phase == _WF.SUCCEEDED:
            self._polls.forget(_poll_key(ctx))
            output_uri = ""
            if closure.WhichOneof("output_result") in ("outputs", "output_data"):
                outputs = admin.get_execution_data(child).full_outputs
                write_proto(ctx.blobs, ctx.outputs_uri, outputs)
                output_uri = ctx.outputs_uri
            logger.info("node %s of %s: child %s succeeded", ctx.node.id, ctx.wf.name, child.name)
            return Transition(
                HandlerPhase.SUCCESS, ctx.now, output_uri=output_uri, workflow_node_metadata=_metadata(child)
            )
        if phase in (_WF.FAILED, _WF.TIMED_OUT):
            self._polls.forget(_poll_key(ctx))
            error = _ERROR()
            if closure.WhichOneof("output_result") == "error":
                error.CopyFrom(closure.error)
            else:
                error.code, error.message = "LaunchPlanExecutionFailed", "Unknown Error"
            return Transition(
                HandlerPhase.FAILED,
                ctx.now,
                error,
                reason=error.message,
                workflow_node_metadata=_metadata(child),
            )
        if phase == _WF.ABORTED:
            self._polls.forget(_poll_key(ctx))
            message = (
                f"failed at Node[{ctx.node.id}]. RemoteChildWorkflowExecutionFailed: launchplan [{child.name}] "
                "aborted, caused by: launchplan execution aborted"
            )
            return _failed(ctx, "RemoteChildWorkflowExecutionFailed", message, _ERROR.USER, child)
        return Transition(HandlerPhase.RUNNING, ctx.now)


def _create_request(
    ctx: NodeContext,
    launch_plan: identifier_pb2.Identifier,
    child: identifier_pb2.WorkflowExecutionIdentifier,
) -> execution_pb2.ExecutionCreateRequest:
    wf = ctx.wf
    config = wf.execution_config
    spec = execution_pb2.ExecutionSpec(
        launch_plan=launch_plan,
        metadata=execution_pb2.ExecutionMetadata(
            mode=execution_pb2.ExecutionMetadata.CHILD_WORKFLOW,
            nesting=1,
            parent_node_execution=ctx.node_execution_id,
        ),
        labels=common_pb2.Labels(
            values={key: value for key, value in wf.labels.items() if key not in _OBJECT_LABELS}
        ),
        annotations=common_pb2.Annotations(values=wf.annotations),
        security_context=wf.security_context,
        max_parallelism=wf.max_parallelism,
        overwrite_cache=wf.overwrite_cache,
        envs=common_pb2.Envs(
            values=[
                literals_pb2.KeyValuePair(key=key, value=value)
                for key, value in wf.environment_variables.items()
            ]
        ),
    )
    if wf.raw_output_prefix:
        spec.raw_output_data_config.output_location_prefix = wf.raw_output_prefix
    if config.get("Interruptible") is not None:
        spec.interruptible.value = bool(config["Interruptible"])
    inputs = read_proto(ctx.blobs, ctx.inputs_uri, literals_pb2.LiteralMap)
    return execution_pb2.ExecutionCreateRequest(
        project=child.project, domain=child.domain, name=child.name, spec=spec, inputs=inputs
    )


def _metadata(child: identifier_pb2.WorkflowExecutionIdentifier) -> event_pb2.WorkflowNodeMetadata:
    return event_pb2.WorkflowNodeMetadata(execution_id=child)


def _poll_key(ctx: NodeContext) -> str:
    return f"{ctx.wf.namespace}/{ctx.wf.name}/{ctx.unique_id}/{ctx.status.attempts}"


def _failed(
    ctx: NodeContext,
    code: str,
    message: str,
    kind: int,
    child: identifier_pb2.WorkflowExecutionIdentifier | None = None,
) -> Transition:
    error = _ERROR(code=code, message=message, kind=kind)  # type: ignore[arg-type]
    return Transition(
        HandlerPhase.FAILED,
        ctx.now,
        error,
        reason=message,
        workflow_node_metadata=_metadata(child) if child is not None else None,
    )
