"""The tasks and launch plans a workflow (with its subworkflows) refers to, so the caller can load
them before compiling."""

from __future__ import annotations

from collections.abc import Iterable

from flyteadmin.compiler.workflows import identifier_key
from flyteidl.core import identifier_pb2, workflow_pb2

__all__ = ["referenced_entities"]


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
