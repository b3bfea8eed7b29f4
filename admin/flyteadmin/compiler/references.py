"""The tasks and launch plans a workflow (with its subworkflows) refers to, so the caller can load
them before compiling."""

from __future__ import annotations

from collections.abc import Iterable

from flyteadmin.compiler.workflows import identifier_key
from flyteidl.core import identifier_pb2, workflow_pb2

__all__ = ["missing_sub_workflows", "referenced_entities"]


def _nodes_within(node: workflow_pb2.Node) -> Iterable[workflow_pb2.Node]:
    yield node
    target = node.WhichOneof("target")
    if target == "branch_node":
        if_else = node.branch_node.if_else
        for block in [if_else.case, *if_else.other]:
            if block.HasField("then_node"):
                yield from _nodes_within(block.then_node)
        if if_else.WhichOneof("default") == "else_node":
            yield from _nodes_within(if_else.else_node)
    elif target == "array_node":
        yield from _nodes_within(node.array_node.node)


def referenced_entities(
    templates: Iterable[workflow_pb2.WorkflowTemplate],
) -> tuple[list[identifier_pb2.Identifier], list[identifier_pb2.Identifier]]:
    """Distinct task ids and launch plan ids referenced by nodes of ``templates`` (in first-use order)."""
    tasks: dict[str, identifier_pb2.Identifier] = {}
    launch_plans: dict[str, identifier_pb2.Identifier] = {}
    for template in templates:
        roots = list(template.nodes)
        if template.HasField("failure_node"):
            roots.append(template.failure_node)
        for root in roots:
            for node in _nodes_within(root):
                target = node.WhichOneof("target")
                if target == "task_node":
                    tasks.setdefault(identifier_key(node.task_node.reference_id), node.task_node.reference_id)
                elif target == "workflow_node" and node.workflow_node.HasField("launchplan_ref"):
                    reference = node.workflow_node.launchplan_ref
                    launch_plans.setdefault(identifier_key(reference), reference)
    return list(tasks.values()), list(launch_plans.values())


def missing_sub_workflows(
    template: workflow_pb2.WorkflowTemplate, sub_workflows: Iterable[workflow_pb2.WorkflowTemplate]
) -> list[identifier_pb2.Identifier]:
    """Subworkflow ids referenced by nodes (at any branch depth) but not among ``sub_workflows``;
    flytekit embeds only the subworkflows of top-level nodes and of direct branch arms."""
    embedded = {identifier_key(sub.id) for sub in sub_workflows}
    missing: dict[str, identifier_pb2.Identifier] = {}
    for source in [template, *sub_workflows]:
        roots = list(source.nodes)
        if source.HasField("failure_node"):
            roots.append(source.failure_node)
        for root in roots:
            for node in _nodes_within(root):
                if node.WhichOneof("target") == "workflow_node" and node.workflow_node.HasField(
                    "sub_workflow_ref"
                ):
                    reference = node.workflow_node.sub_workflow_ref
                    key = identifier_key(reference)
                    if key not in embedded:
                        missing.setdefault(key, reference)
    return list(missing.values())
