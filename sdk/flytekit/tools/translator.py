"""The compiler: tasks, workflows and launch plans to the admin protos flytekit 1.16 produces.

``get_serializable(entity_mapping, settings, entity)`` returns

* a task -> ``flyteidl.admin.TaskSpec`` (template + description),
* a workflow -> ``flyteidl.admin.WorkflowSpec`` (template + every sub-workflow template reached,
  deduplicated and ordered by id + description),
* a launch plan -> ``flyteidl.admin.LaunchPlan`` (id + spec + an empty closure),

and records every entity it reaches (tasks, sub-workflows, launch plans, then the entity itself)
in ``entity_mapping`` in dependency order, reusing what is already there. Identifiers take project,
domain and version from the settings (empty strings when unset, as in a package).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from google.protobuf import json_format, struct_pb2
from google.protobuf.message import Message

from flyteidl.admin import common_pb2, description_entity_pb2, launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, tasks_pb2, types_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flytekit.configuration import SerializationSettings
from flytekit.core.base_task import PythonTask
from flytekit.core.condition import BranchNode
from flytekit.core.docstring import Docstring
from flytekit.core.launch_plan import LaunchPlan
from flytekit.core.node import Node
from flytekit.core.workflow import WorkflowBase
from flytekit.errors import FlyteValidationException

ResourceType = identifier_pb2.ResourceType


def _identifier(settings: SerializationSettings, resource_type: int, name: str) -> identifier_pb2.Identifier:
    return identifier_pb2.Identifier(
        resource_type=resource_type,  # type: ignore[arg-type]
        project=settings.project or "",
        domain=settings.domain or "",
        name=name,
        version=settings.version or "",
    )


def description_entity(docs: Docstring | None) -> description_entity_pb2.DescriptionEntity:
    """Summary and long description of an entity, in reStructuredText as flytekit declares them."""
    entity = description_entity_pb2.DescriptionEntity(
        long_description=description_entity_pb2.Description(
            format=description_entity_pb2.DESCRIPTION_FORMAT_RST
        )
    )
    if docs is not None:
        if docs.short_description:
            entity.short_description = docs.short_description
        if docs.long_description:
            entity.long_description.value = docs.long_description
    return entity


def get_serializable_task(settings: SerializationSettings, entity: PythonTask) -> task_pb2.TaskSpec:
    template = tasks_pb2.TaskTemplate(
        id=_identifier(settings, ResourceType.TASK, entity.name),
        type=entity.task_type,
        metadata=entity.metadata.to_taskmetadata_model(),
        interface=entity.interface,
        task_type_version=entity.task_type_version,
    )
    custom = entity.get_custom(settings)
    if custom is not None:
        template.custom.CopyFrom(json_format.ParseDict(custom, struct_pb2.Struct()))
    container = entity.get_container(settings)
    if container is not None:
        template.container.CopyFrom(container)
    config = entity.get_config(settings)
    if config:
        template.config.update(config)
    if entity.docs is None:
        # Tasks not made from a function (sensors, connectors' tasks) carry no description.
        return task_pb2.TaskSpec(template=template)
    return task_pb2.TaskSpec(template=template, description=description_entity(entity.docs))


def _sub_workflow_key(t: core_workflow_pb2.WorkflowTemplate) -> tuple[str, str, str, str]:
    return (t.id.project, t.id.domain, t.id.name, t.id.version)


def _node_proto(
    entity_mapping: OrderedDict[Any, Message],
    settings: SerializationSettings,
    entity: WorkflowBase,
    node: Node,
    sub_workflows: dict[tuple[str, str, str, str], core_workflow_pb2.WorkflowTemplate],
) -> core_workflow_pb2.Node:
    """The Node proto of one call (task, sub-workflow, launch plan) or conditional (branch node)."""
    target = node.flyte_entity
    proto = core_workflow_pb2.Node(
        id=node.id,
        metadata=node.metadata,
        inputs=node.bindings,
        upstream_node_ids=[n.id for n in node.upstream_nodes],
    )
    if isinstance(target, PythonTask):
        task_spec = get_serializable(entity_mapping, settings, target)
        assert isinstance(task_spec, task_pb2.TaskSpec)
        proto.task_node.CopyFrom(
            core_workflow_pb2.TaskNode(
                reference_id=task_spec.template.id, overrides=node.task_node_overrides()
            )
        )
    elif isinstance(target, WorkflowBase):
        wf_spec = get_serializable(entity_mapping, settings, target)
        assert isinstance(wf_spec, workflow_pb2.WorkflowSpec)
        for template in [wf_spec.template, *wf_spec.sub_workflows]:
            sub_workflows.setdefault(_sub_workflow_key(template), template)
        proto.workflow_node.CopyFrom(core_workflow_pb2.WorkflowNode(sub_workflow_ref=wf_spec.template.id))
    elif isinstance(target, LaunchPlan):
        lp = get_serializable(entity_mapping, settings, target)
        assert isinstance(lp, launch_plan_pb2.LaunchPlan)
        proto.workflow_node.CopyFrom(core_workflow_pb2.WorkflowNode(launchplan_ref=lp.id))
    elif isinstance(target, BranchNode):
        proto.branch_node.CopyFrom(_branch_proto(entity_mapping, settings, entity, target, sub_workflows))
    else:
        raise FlyteValidationException(
            f"Node {node.id} of workflow '{entity.name}' calls {target!r}, which cannot be serialized."
        )
    return proto


def _branch_proto(
    entity_mapping: OrderedDict[Any, Message],
    settings: SerializationSettings,
    entity: WorkflowBase,
    branch: BranchNode,
    sub_workflows: dict[tuple[str, str, str, str], core_workflow_pb2.WorkflowTemplate],
) -> core_workflow_pb2.BranchNode:
    if_else = core_workflow_pb2.IfElseBlock()
    for position, (case, then) in enumerate(zip(branch.cases, branch.then_nodes(), strict=True)):
        if case.expr is None:
            if then is None:
                if_else.error.CopyFrom(types_pb2.Error(failed_node_id=branch.name, message=case.err or ""))
            else:
                if_else.else_node.CopyFrom(_node_proto(entity_mapping, settings, entity, then, sub_workflows))
            continue
        assert then is not None
        block = core_workflow_pb2.IfBlock(
            condition=case.expr.to_flyte_model(),
            then_node=_node_proto(entity_mapping, settings, entity, then, sub_workflows),
        )
        if position == 0:
            if_else.case.CopyFrom(block)
        else:
            if_else.other.append(block)
    return core_workflow_pb2.BranchNode(if_else=if_else)


def get_serializable_workflow(
    entity_mapping: OrderedDict[Any, Message], settings: SerializationSettings, entity: WorkflowBase
) -> workflow_pb2.WorkflowSpec:
    sub_workflows: dict[tuple[str, str, str, str], core_workflow_pb2.WorkflowTemplate] = {}
    nodes = [_node_proto(entity_mapping, settings, entity, node, sub_workflows) for node in entity.nodes]
    template = core_workflow_pb2.WorkflowTemplate(
        id=_identifier(settings, ResourceType.WORKFLOW, entity.name),
        metadata=entity.workflow_metadata.to_flyte_model(),
        metadata_defaults=entity.workflow_metadata_defaults.to_flyte_model(),
        interface=entity.interface,
        nodes=nodes,
        outputs=entity.output_bindings,
    )
    return workflow_pb2.WorkflowSpec(
        template=template,
        sub_workflows=[sub_workflows[k] for k in sorted(sub_workflows)],
        description=description_entity(entity.docs),
    )


def get_serializable_launch_plan(
    entity_mapping: OrderedDict[Any, Message], settings: SerializationSettings, entity: LaunchPlan
) -> launch_plan_pb2.LaunchPlan:
    wf_spec = get_serializable(entity_mapping, settings, entity.workflow)
    assert isinstance(wf_spec, workflow_pb2.WorkflowSpec)
    spec = launch_plan_pb2.LaunchPlanSpec(
        workflow_id=wf_spec.template.id,
        entity_metadata=launch_plan_pb2.LaunchPlanMetadata(),
        default_inputs=entity.parameters,
        fixed_inputs=entity.fixed_inputs,
        labels=common_pb2.Labels(values=entity.labels),
        annotations=common_pb2.Annotations(values=entity.annotations),
        raw_output_data_config=common_pb2.RawOutputDataConfig(
            output_location_prefix=entity.raw_output_data_config or ""
        ),
    )
    if entity.max_parallelism is not None:
        spec.max_parallelism = entity.max_parallelism
    if entity.overwrite_cache is not None:
        spec.overwrite_cache = entity.overwrite_cache
    closure = launch_plan_pb2.LaunchPlanClosure(
        expected_inputs=interface_pb2.ParameterMap(), expected_outputs=interface_pb2.VariableMap()
    )
    return launch_plan_pb2.LaunchPlan(
        id=_identifier(settings, ResourceType.LAUNCH_PLAN, entity.name), spec=spec, closure=closure
    )


def get_serializable(
    entity_mapping: OrderedDict[Any, Message], settings: SerializationSettings, entity: Any
) -> Message:
    """The admin proto of ``entity``; see the module docstring."""
    if entity in entity_mapping:
        return entity_mapping[entity]
    result: Message
    if isinstance(entity, PythonTask):
        result = get_serializable_task(settings, entity)
    elif isinstance(entity, WorkflowBase):
        result = get_serializable_workflow(entity_mapping, settings, entity)
    elif isinstance(entity, LaunchPlan):
        result = get_serializable_launch_plan(entity_mapping, settings, entity)
    else:
        raise FlyteValidationException(
            f"Cannot serialize {entity!r}: only tasks, workflows and launch plans can be registered."
        )
    entity_mapping[entity] = result
    return result
