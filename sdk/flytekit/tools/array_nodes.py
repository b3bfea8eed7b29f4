"""The ``arrayNode`` of a workflow node that maps a task (``map_task``) or a launch plan (``array_node``).

Byte-compatible with flytekit 1.16.31 (observed): the inner node of a map task has the map task's
name as id, its ``sub_node_metadata`` (the task's retries, timeout, interruptible) and the outer
node's bindings, and refers to the map task with the outer node's task overrides; the inner node of
a launch-plan array node has the dnsified launch-plan name as id, the outer node's metadata and the
bindings of the array node's first call, and no upstream nodes. Then ``parallelism`` (when a
concurrency was given), the success criterion (``min_successes``, replaced by ``min_success_ratio``
when both are set: they share a oneof), execution and data modes, ``is_original_sub_node_interface``
(always present), the sorted bound inputs and ``run_all_sub_nodes``.

The translator calls ``array_node_proto`` with two callbacks, so that this module does not import it:
``serialize_entity`` (the admin spec of an entity, recorded in the translator's mapping) and
``serialize_node`` (the ``Node`` proto of an inner node), and optionally ``overrides`` (the task
overrides of a node, pod template included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf import wrappers_pb2
from google.protobuf.message import Message

from flyteidl.core import workflow_pb2
from flytekit.core.array_node import ArrayNode
from flytekit.core.array_node_map_task import ArrayNodeMapTask
from flytekit.core.node import Node, dnsify


def is_array_node(entity: Any) -> bool:
    """True when a node calling ``entity`` serializes as an ``arrayNode``."""
    return isinstance(entity, ArrayNodeMapTask | ArrayNode)


def array_node_proto(
    node: Node,
    serialize_entity: Callable[[Any], Message],
    serialize_node: Callable[[Node], workflow_pb2.Node],
    overrides: Callable[[Node], workflow_pb2.TaskNodeOverrides] = Node.task_node_overrides,
) -> workflow_pb2.ArrayNode:
    """The ``ArrayNode`` of workflow node ``node``; see the module docstring."""
    mapped = node.flyte_entity
    if isinstance(mapped, ArrayNodeMapTask):
        spec = serialize_entity(mapped)
        inner = workflow_pb2.Node(
            id=mapped.name,
            metadata=mapped.sub_node_metadata,
            inputs=node.bindings,
            task_node=workflow_pb2.TaskNode(
                reference_id=spec.template.id,  # type: ignore[attr-defined]
                overrides=overrides(node),
            ),
        )
        data_mode = None
    elif isinstance(mapped, ArrayNode):
        mapped.metadata = node.metadata  # flytekit shares the outer node's metadata with the inner one
        inner = serialize_node(
            Node(
                id=dnsify(mapped.id),
                metadata=node.metadata,
                bindings=mapped.bindings,
                upstream_nodes=[],
                flyte_entity=mapped.flyte_entity,
            )
        )
        data_mode = mapped.data_mode
    else:
        raise TypeError(f"{mapped!r} is not mapped with an array node")
    proto = workflow_pb2.ArrayNode(
        node=inner,
        execution_mode=mapped.execution_mode,
        is_original_sub_node_interface=wrappers_pb2.BoolValue(value=mapped.is_original_sub_node_interface),
        bound_inputs=sorted(mapped.bound_inputs),
        run_all_sub_nodes=mapped.run_all_sub_nodes,
    )
    if data_mode is not None:
        proto.data_mode = data_mode  # type: ignore[assignment]
    if mapped.concurrency is not None:
        proto.parallelism = mapped.concurrency
    if mapped.min_successes is not None:
        proto.min_successes = mapped.min_successes
    if mapped.min_success_ratio is not None:
        proto.min_success_ratio = mapped.min_success_ratio
    return proto
