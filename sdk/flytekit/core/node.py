"""A node of a workflow graph: one call of a task, sub-workflow or launch plan inside a workflow body.

Nodes are created by ``create_and_link_node`` while a workflow body is traced. They hold the
``Binding`` protos of their inputs, the nodes they depend on, the node metadata (name, retries,
timeout, interruptible, cache) and optional task overrides; ``with_overrides`` (whose rules live in
``flytekit.core.node_overrides``) and ``>>`` adjust them.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, tasks_pb2, workflow_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

if TYPE_CHECKING:
    from flytekit.core.promise import Promise
    from flytekit.core.resources import Resources

#: ``with_overrides(timeout=...)`` left out: keep the node's timeout (``None`` clears it).
TIMEOUT_OVERRIDE_SENTINEL: Any = object()

_DNS_LABEL_MAX = 63
_DNS_HASH_LEN = 10


def dnsify(value: str) -> str:
    """A DNS-1123 label from a node name, by flytekit's rules (node ids must match them exactly).

    Separators (``_ - .``) become ``-`` (never leading), other punctuation is dropped, an upper-case
    letter becomes ``-`` plus its lower case (``myNode`` -> ``my-node``), one trailing ``-`` is cut.
    Names of 63 characters or more keep their tail behind a 10-character sha224 prefix.
    """
    if len(value) >= _DNS_LABEL_MAX:
        digest = hashlib.sha224(value.encode("utf-8")).hexdigest()[:_DNS_HASH_LEN]
        value = f"{digest}-{value[-(_DNS_LABEL_MAX - _DNS_HASH_LEN - 1) :]}"
    out: list[str] = []
    for ch in value:
        room = len(out) < _DNS_LABEL_MAX - 1
        if ch in "_-.":
            if out and room:
                out.append("-")
        elif not ch.isalnum():
            continue
        elif ch.islower() or ch.isdigit():
            out.append(ch)
        else:
            if out and out[-1] != "-" and room:
                out.append("-")
            out.append(ch.lower())
    if out and out[-1] == "-":
        out.pop()
    return "".join(out)


class Node:
    """One node: id, metadata, input bindings, upstream nodes and the entity it runs."""

    def __init__(
        self,
        id: str,
        metadata: workflow_pb2.NodeMetadata,
        bindings: list[literals_pb2.Binding],
        upstream_nodes: list[Node],
        flyte_entity: Any,
    ) -> None:
        self._id = id
        self._metadata = metadata
        self._bindings = bindings
        self._upstream_nodes = upstream_nodes
        self._flyte_entity = flyte_entity
        self._outputs: dict[str, Promise] = {}
        self._resources: tasks_pb2.Resources | None = None
        self._extended_resources: tasks_pb2.ExtendedResources | None = None
        self._container_image: str | None = None
        self._aliases: list[workflow_pb2.Alias] = []
        self._pod_template: Any = None

    @property
    def id(self) -> str:
        return self._id

    @property
    def metadata(self) -> workflow_pb2.NodeMetadata:
        return self._metadata

    @property
    def bindings(self) -> list[literals_pb2.Binding]:
        return self._bindings

    @property
    def upstream_nodes(self) -> list[Node]:
        return self._upstream_nodes

    @property
    def flyte_entity(self) -> Any:
        return self._flyte_entity

    @property
    def outputs(self) -> dict[str, Promise]:
        return self._outputs

    @property
    def run_entity(self) -> Any:
        return self._flyte_entity

    @property
    def aliases(self) -> list[workflow_pb2.Alias]:
        return list(self._aliases)

    @property
    def pod_template(self) -> Any:
        return self._pod_template

    def task_node_overrides(self) -> workflow_pb2.TaskNodeOverrides:
        overrides = workflow_pb2.TaskNodeOverrides()
        if self._resources is not None:
            overrides.resources.CopyFrom(self._resources)
        if self._extended_resources is not None:
            overrides.extended_resources.CopyFrom(self._extended_resources)
        if self._container_image:
            overrides.container_image = self._container_image
        return overrides

    def _metadata_to_override(self) -> workflow_pb2.NodeMetadata:
        """Where ``with_overrides`` puts name, retries, timeout, interruptible: this node's metadata,
        or, for a map task, the mapped sub-node's (shared by every call of that map task, as in flytekit)."""
        from flytekit.core.array_node_map_task import ArrayNodeMapTask

        if isinstance(self._flyte_entity, ArrayNodeMapTask):
            return self._flyte_entity.sub_node_metadata
        return self._metadata

    def runs_before(self, other: Node) -> None:
        if self not in other._upstream_nodes:
            other._upstream_nodes.append(self)

    def __rshift__(self, other: Node) -> Node:
        self.runs_before(other)
        return other

    def with_overrides(
        self,
        node_name: str | None = None,
        aliases: dict[str, str] | None = None,
        requests: Resources | None = None,
        limits: Resources | None = None,
        timeout: datetime.timedelta | int | object | None = TIMEOUT_OVERRIDE_SENTINEL,
        retries: int | None = None,
        interruptible: bool | None = None,
        name: str | None = None,
        task_config: Any = None,
        container_image: str | None = None,
        accelerator: Any = None,
        cache: Any = None,
        shared_memory: bool | str | None = None,
        pod_template: Any = None,
        resources: Resources | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Node:
        """Override this call's node: see ``flytekit.core.node_overrides.apply_overrides``."""
        from flytekit.core.node_overrides import apply_overrides

        apply_overrides(
            self,
            node_name=node_name,
            aliases=aliases,
            requests=requests,
            limits=limits,
            timeout=timeout,
            retries=retries,
            interruptible=interruptible,
            name=name,
            task_config=task_config,
            container_image=container_image,
            accelerator=accelerator,
            cache=cache,
            shared_memory=shared_memory,
            pod_template=pod_template,
            resources=resources,
            **kwargs,
        )
        return self

    def __repr__(self) -> str:
        return f"Node({self._id}, {getattr(self._flyte_entity, 'name', self._flyte_entity)})"
