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

from flyteidl.admin import description_entity_pb2, launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, tasks_pb2, types_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flytekit.configuration import SerializationSettings
from flytekit.core.base_task import PythonTask
from flytekit.core.class_decorator import ClassDecorator
from flytekit.core.condition import BranchNode
from flytekit.core.docstring import Docstring
from flytekit.core.failure_node import DEFAULT_FAILURE_NODE_ID
from flytekit.core.gate import Gate
from flytekit.core.launch_plan import LaunchPlan
from flytekit.core.node import Node
from flytekit.core.pod_template import override_k8s_pod
from flytekit.core.python_function_task import PythonFunctionTask
from flytekit.core.reference_entity import ReferenceEntity, ReferenceWorkflow
from flytekit.core.workflow import WorkflowBase
from flytekit.errors import FlyteValidationException
from flytekit.models.documentation import Documentation
from flytekit.tools.array_nodes import array_node_proto, is_array_node
from flytekit.tools.launch_plan_specs import launch_plan_spec

ResourceType = identifier_pb2.ResourceType


def _identifier(settings: SerializationSettings, resource_type: int, name: str) -> identifier_pb2.Identifier:
    return identifier_pb2.Identifier(
        resource_type=resource_type,  # type: ignore[arg-type]
        project=settings.project or "",
        domain=settings.domain or "",
        name=name,
        version=settings.version or "",
    )


def description_entity(docs: Docstring | Documentation | None) -> description_entity_pb2.DescriptionEntity:
    """Summary and long description of an entity, in reStructuredText as flytekit declares them."""
    if isinstance(docs, Documentation):
        return docs.to_flyte_idl()
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


def _add_image_spec_images(settings: SerializationSettings) -> None:
    """Name every ImageSpec image of the tasks created so far in ``settings.image_config``, so a dynamic
    task finds them when it compiles at run time. As in flytekit, the settings' image list is extended
    in place: tasks serialized later with the same settings see these images too."""
    from flytekit.configuration.images import Image
    from flytekit.core.context_manager import FlyteEntities
    from flytekit.core.python_auto_container import PythonAutoContainerTask, is_image_spec

    for candidate in FlyteEntities.entities:
        if isinstance(candidate, PythonAutoContainerTask) and is_image_spec(candidate.container_image):
            spec = candidate.container_image
            image = Image.look_up_image_info(spec.id, candidate.get_image(settings))
            if image not in settings.image_config.images:
                settings.image_config.images.append(image)


def get_serializable_task(
    settings: SerializationSettings,
    entity: PythonTask,
    entity_mapping: OrderedDict[Any, Message] | None = None,
) -> task_pb2.TaskSpec:
    if entity.compiles_at_run_time:
        # Dynamic and eager tasks compile workflows (or launch executions) when they run: their
        # container carries these settings in _F_SS_C. Hinted entities are serialized with them
        # (into ``entity_mapping``, so that they are registered along).
        if getattr(entity, "execution_mode", None) == PythonFunctionTask.ExecutionBehavior.DYNAMIC:
            _add_image_spec_images(settings)
        settings = settings.with_serialized_context()
        hints_mapping = entity_mapping if entity_mapping is not None else OrderedDict()
        for hint in getattr(entity, "node_dependency_hints", None) or []:
            get_serializable(hints_mapping, settings, hint)
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
    config = dict(entity.get_config(settings) or {})
    task_function = getattr(entity, "task_function", None)
    if isinstance(task_function, ClassDecorator):  # e.g. @vscode: tells the backend what to link to
        config.update(task_function.get_extra_config())
    if config:
        template.config.update(config)
    _add_task_extras(settings, entity, template)
    if entity.docs is None:
        # Tasks not made from a function (shell, sensors, connectors' tasks) carry no description.
        return task_pb2.TaskSpec(template=template)
    return task_pb2.TaskSpec(template=template, description=description_entity(entity.docs))


def _add_task_extras(
    settings: SerializationSettings, entity: PythonTask, template: tasks_pb2.TaskTemplate
) -> None:
    """Pod spec, extended resources (accelerator, shared memory), secrets and the deck flag of a task."""
    pod = entity.get_k8s_pod(settings)
    if pod is not None:
        template.k8s_pod.CopyFrom(pod)
    extended = entity.get_extended_resources(settings)
    if extended is not None:
        template.extended_resources.CopyFrom(extended)
    if entity.security_context is not None:
        template.security_context.CopyFrom(entity.security_context.to_flyte_idl())
    if entity.enable_deck:
        template.metadata.generates_deck.value = True
    get_sql = getattr(entity, "get_sql", None)
    sql = get_sql(settings) if get_sql is not None else None
    if sql is not None:
        template.sql.CopyFrom(sql)


def _sub_workflow_key(t: core_workflow_pb2.WorkflowTemplate) -> tuple[str, str, str, str]:
    return (t.id.project, t.id.domain, t.id.name, t.id.version)


def _node_proto(
    entity_mapping: OrderedDict[Any, Message],
    settings: SerializationSettings,
    entity: WorkflowBase,
    node: Node,
    sub_workflows: dict[tuple[str, str, str, str], core_workflow_pb2.WorkflowTemplate],
    nested: bool = False,
) -> core_workflow_pb2.Node:
    """The Node proto of one call (task, sub-workflow, launch plan) or conditional (branch node)."""
    target = node.flyte_entity
    proto = core_workflow_pb2.Node(
        id=node.id,
        metadata=node.metadata,
        inputs=node.bindings,
        upstream_node_ids=[n.id for n in node.upstream_nodes],
    )
    if isinstance(target, ReferenceEntity):
        _reference_target(proto, entity, target)
        return proto
    if is_array_node(target):
        proto.array_node.CopyFrom(
            array_node_proto(
                node,
                lambda e: get_serializable(entity_mapping, settings, e),
                lambda n: _node_proto(entity_mapping, settings, entity, n, sub_workflows),
                lambda n: node_overrides(n, settings),
            )
        )
    elif isinstance(target, PythonTask):
        proto.output_aliases.extend(node.aliases)
        task_spec = get_serializable(entity_mapping, settings, target)
        assert isinstance(task_spec, task_pb2.TaskSpec)
        proto.task_node.CopyFrom(
            core_workflow_pb2.TaskNode(
                reference_id=task_spec.template.id, overrides=node_overrides(node, settings)
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
        # flytekit embeds the sub-workflows of a branch's direct arms only; arms of nested branches
        # reach theirs through the registered workflow (admin looks it up by id).
        arms_sub_workflows = sub_workflows if not nested else {}
        proto.branch_node.CopyFrom(
            _branch_proto(entity_mapping, settings, entity, target, arms_sub_workflows)
        )
    elif isinstance(target, Gate):
        proto.gate_node.CopyFrom(target.to_gate_node())
    else:
        raise FlyteValidationException(
            f"Node {node.id} of workflow '{entity.name}' calls {target!r}, which cannot be serialized."
        )
    return proto


def node_overrides(node: Node, settings: SerializationSettings) -> core_workflow_pb2.TaskNodeOverrides:
    """The task overrides of ``node``, with its pod template (if any) merged with the task's container."""
    overrides = node.task_node_overrides()
    if node.pod_template is not None:
        overrides.pod_template.CopyFrom(override_k8s_pod(node.pod_template, node.flyte_entity, settings))
    return overrides


def _reference_target(proto: core_workflow_pb2.Node, entity: WorkflowBase, target: ReferenceEntity) -> None:
    """Point ``proto`` at a registered entity's id; the entity itself is not serialized."""
    if isinstance(target, ReferenceWorkflow):
        raise ValueError(
            "Reference sub-workflows are currently unsupported. Use reference launch plans instead."
        )
    if target.reference.resource_type == ResourceType.TASK:
        proto.task_node.reference_id.CopyFrom(target.id)
    elif target.reference.resource_type == ResourceType.LAUNCH_PLAN:
        proto.workflow_node.launchplan_ref.CopyFrom(target.id)
    else:
        raise TypeError(
            f"Workflow '{entity.name}': unexpected resource type for reference entity {target!r}."
        )


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
                if_else.else_node.CopyFrom(
                    _node_proto(entity_mapping, settings, entity, then, sub_workflows, nested=True)
                )
            continue
        assert then is not None
        block = core_workflow_pb2.IfBlock(
            condition=case.expr.to_flyte_model(),
            then_node=_node_proto(entity_mapping, settings, entity, then, sub_workflows, nested=True),
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
    for node in nodes:
        if node.id == DEFAULT_FAILURE_NODE_ID:
            raise ValueError(f"Node {node.id} is reserved for the failure node")
    failure_node = entity.failure_node
    template = core_workflow_pb2.WorkflowTemplate(
        id=_identifier(settings, ResourceType.WORKFLOW, entity.name),
        metadata=entity.workflow_metadata.to_flyte_model(),
        metadata_defaults=entity.workflow_metadata_defaults.to_flyte_model(),
        interface=entity.interface,
        nodes=nodes,
        outputs=entity.output_bindings,
    )
    failure_node = getattr(entity, "failure_node", None)
    if failure_node is not None:
        template.failure_node.CopyFrom(
            _node_proto(entity_mapping, settings, entity, failure_node, sub_workflows)
        )
    spec = workflow_pb2.WorkflowSpec(
        template=template, sub_workflows=[sub_workflows[k] for k in sorted(sub_workflows)]
    )
    # workflows without documentation (imperative ones) carry no description, as in flytekit
    if getattr(entity, "has_description", True) and entity.docs is not None:
        spec.description.CopyFrom(description_entity(entity.docs))
    return spec


def get_serializable_launch_plan(
    entity_mapping: OrderedDict[Any, Message], settings: SerializationSettings, entity: LaunchPlan
) -> launch_plan_pb2.LaunchPlan:
    wf_spec = get_serializable(entity_mapping, settings, entity.workflow)
    assert isinstance(wf_spec, workflow_pb2.WorkflowSpec)
    closure = launch_plan_pb2.LaunchPlanClosure(
        expected_inputs=interface_pb2.ParameterMap(), expected_outputs=interface_pb2.VariableMap()
    )
    return launch_plan_pb2.LaunchPlan(
        id=_identifier(settings, ResourceType.LAUNCH_PLAN, entity.name),
        spec=launch_plan_spec(entity, wf_spec.template.id),
        closure=closure,
    )


def get_serializable(
    entity_mapping: OrderedDict[Any, Message], settings: SerializationSettings, entity: Any
) -> Message:
    """The admin proto of ``entity``; see the module docstring."""
    if entity in entity_mapping:
        return entity_mapping[entity]
    result: Message
    if isinstance(entity, PythonTask):
        result = get_serializable_task(settings, entity, entity_mapping)
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
