"""``StoreWorkflowExecutor``: executions become FlyteWorkflow documents in a ``WorkflowStore``.

``execute`` builds the document (``flytestdlib.flyteworkflow.build_flyteworkflow``) and creates it;
an existing document of the same name is kept (a retried CreateExecution). ``abort`` deletes the
document the way Kubernetes deletes a custom resource with a finalizer: it is only marked with a
``deletionTimestamp``, propeller aborts the running nodes, reports ABORTED and then lets it go.
"""

from __future__ import annotations

import logging

from flyteadmin.errors import InvalidArgument
from flyteadmin.executors.base import ExecutionRequestData
from flyteidl.core import identifier_pb2
from flytestdlib import errors as stdlib_errors
from flytestdlib.flyteworkflow import WorkflowStore, build_flyteworkflow

__all__ = ["StoreWorkflowExecutor"]

logger = logging.getLogger(__name__)


class StoreWorkflowExecutor:
    """A ``WorkflowExecutor`` over a ``WorkflowStore``; ``namespace_template`` must match the one
    admin's settings use (it locates the document of an execution to abort)."""

    def __init__(self, store: WorkflowStore, *, namespace_template: str = "{project}-{domain}") -> None:
        self._store = store
        self._namespace_template = namespace_template

    def execute(self, request: ExecutionRequestData) -> None:
        try:
            document = build_flyteworkflow(
                request.closure,
                execution_id=request.execution_id,
                inputs=request.inputs,
                launch_plan_id=request.launch_plan_id,
                namespace=request.namespace,
                raw_output_prefix=request.raw_output_prefix,
                max_parallelism=request.max_parallelism,
                labels=dict(request.labels),
                annotations=dict(request.annotations),
                security_context=request.security_context,
                interruptible=request.interruptible,
                overwrite_cache=request.overwrite_cache,
                envs=dict(request.envs),
                event_version=request.event_version,
                accepted_at=request.accepted_at,
                recovery_execution=request.recovery_execution,
            )
        except stdlib_errors.InvalidWorkflowDocument as error:
            raise InvalidArgument(f"The workflow cannot be executed: {error}") from error
        try:
            self._store.create(document)
        except stdlib_errors.AlreadyExists:
            logger.info(
                "FlyteWorkflow %s/%s exists already; keeping it.",
                request.namespace,
                request.execution_id.name,
            )
            return
        logger.info("Created FlyteWorkflow %s/%s.", request.namespace, request.execution_id.name)

    def abort(self, execution_id: identifier_pb2.WorkflowExecutionIdentifier, cause: str) -> None:
        namespace = self._namespace_template.format(project=execution_id.project, domain=execution_id.domain)
        try:
            self._store.delete(namespace, execution_id.name)
        except stdlib_errors.NotFound:
            logger.info(
                "FlyteWorkflow %s/%s is gone already; nothing to abort.", namespace, execution_id.name
            )
            return
        logger.info("Requested abort of FlyteWorkflow %s/%s: %s", namespace, execution_id.name, cause)
