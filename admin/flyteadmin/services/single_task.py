"""Single-task executions: running a task on its own through a generated workflow and launch plan.

For a task ``t`` version ``v`` admin creates (once) workflow and launch plan ``.flytegen.t`` version
``v``: one node running the task, its inputs bound to the workflow inputs and its outputs to the
workflow outputs. Both are marked SYSTEM_GENERATED so listings of named entities can hide them.
"""

from __future__ import annotations

import contextlib
import re

from flyteadmin.errors import AlreadyExists
from flyteadmin.repositories import NamedEntityMetadataRecord, TaskRecord, UnitOfWorkFactory
from flyteadmin.services.launch_plans import LaunchPlanService
from flyteadmin.services.workflows import WorkflowService
from flyteidl.admin import common_pb2, launch_plan_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, literals_pb2, types_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2

__all__ = ["GENERATED_PREFIX", "ensure_single_task_launch_plan", "node_name_for_task"]

GENERATED_PREFIX = ".flytegen."
_MAX_NODE_ID_LENGTH = 63
_DEFAULT_RETRIES = 3


def node_name_for_task(task_name: str) -> str:
    """The node id of the generated workflow: the task name's last 63 characters, keeping only
    letters, digits and '-'."""
    tail = task_name[-_MAX_NODE_ID_LENGTH:]
    return re.sub(r"[^-\w]|_", "", tail)


def _workflow_template(
    task: TaskRecord, workflow_id: identifier_pb2.Identifier
) -> core_workflow_pb2.WorkflowTemplate:
    template = task.closure.compiled_task.template
    node_id = node_name_for_task(task.id.name)
    retries = (
        template.metadata.retries
        if template.metadata.HasField("retries")
        else literals_pb2.RetryStrategy(retries=_DEFAULT_RETRIES)
    )
    node = core_workflow_pb2.Node(
        id=node_id,
        metadata=core_workflow_pb2.NodeMetadata(name=node_id, retries=retries),
        inputs=[
            literals_pb2.Binding(
                var=name,
                binding=literals_pb2.BindingData(
                    promise=types_pb2.OutputReference(node_id="start-node", var=name)
                ),
            )
            for name in sorted(template.interface.inputs.variables)
        ],
        task_node=core_workflow_pb2.TaskNode(reference_id=task.id),
    )
    return core_workflow_pb2.WorkflowTemplate(
        id=workflow_id,
        interface=template.interface,
        nodes=[node],
        outputs=[
            literals_pb2.Binding(
                var=name,
                binding=literals_pb2.BindingData(
                    promise=types_pb2.OutputReference(node_id=node_id, var=name)
                ),
            )
            for name in sorted(template.interface.outputs.variables)
        ],
    )


def ensure_single_task_launch_plan(
    task: TaskRecord,
    uow: UnitOfWorkFactory,
    workflows: WorkflowService,
    launch_plans: LaunchPlanService,
) -> identifier_pb2.Identifier:
    """The id of the generated launch plan that runs ``task``, creating it (and its workflow) if needed."""
    name = GENERATED_PREFIX + task.id.name
    parts = {"project": task.id.project, "domain": task.id.domain, "name": name, "version": task.id.version}
    workflow_id = identifier_pb2.Identifier(resource_type=identifier_pb2.WORKFLOW, **parts)
    launch_plan_id = identifier_pb2.Identifier(resource_type=identifier_pb2.LAUNCH_PLAN, **parts)
    with contextlib.suppress(AlreadyExists):
        workflows.create(
            workflow_pb2.WorkflowCreateRequest(
                id=workflow_id, spec=workflow_pb2.WorkflowSpec(template=_workflow_template(task, workflow_id))
            )
        )
    with contextlib.suppress(AlreadyExists):
        launch_plans.create(
            launch_plan_pb2.LaunchPlanCreateRequest(
                id=launch_plan_id, spec=launch_plan_pb2.LaunchPlanSpec(workflow_id=workflow_id)
            )
        )
    with uow(write=True) as tx:
        entity = common_pb2.NamedEntityIdentifier(project=task.id.project, domain=task.id.domain, name=name)
        for resource_type in (identifier_pb2.WORKFLOW, identifier_pb2.LAUNCH_PLAN):
            tx.named_entities.upsert(
                NamedEntityMetadataRecord(
                    resource_type=resource_type,
                    id=entity,
                    metadata=common_pb2.NamedEntityMetadata(state=common_pb2.SYSTEM_GENERATED),
                )
            )
    return launch_plan_id
