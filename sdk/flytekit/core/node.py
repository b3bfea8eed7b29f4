"""A node of a workflow graph: one call of a task, sub-workflow or launch plan inside a workflow body.

Nodes are created by ``create_and_link_node`` while a workflow body is traced. They hold the
``Binding`` protos of their inputs, the nodes they depend on, the node metadata (name, retries,
timeout, interruptible) and optional task overrides; ``with_overrides`` and ``>>`` adjust them.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.errors import FlyteAssertion

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, tasks_pb2, workflow_pb2
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

if TYPE_CHECKING:
    from flytekit.core.promise import Promise
    from flytekit.core.resources import Resources

_DNS_MAX = 63
_DNS_HASH_LENGTH = 10


def dnsify(value: str) -> str:
    """A DNS-1123 label from free text, spelled as flytekit spells node ids.

    ``_``, ``-`` and ``.`` become ``-`` (never leading), an upper-case letter becomes ``-`` plus its
    lower case (``myLP`` -> ``my-l-p``), other non-alphanumerics are dropped, no trailing ``-``.
    Values of 63 characters or more keep their tail behind a 10-character sha224 prefix.
    """
    if len(value) >= _DNS_MAX:
        digest = hashlib.sha224(value.encode("utf-8")).hexdigest()[:_DNS_HASH_LENGTH]
        value = f"{digest}-{value[-(_DNS_MAX - _DNS_HASH_LENGTH - 1) :]}"
    label = ""
    for ch in value:
        room = len(label) < _DNS_MAX - 1
        if ch in "_-.":
            if label and room:
                label += "-"
        elif not ch.isalnum():
            continue
        elif ch.islower() or ch.isdigit():
            label += ch
        else:
            if label and label[-1] != "-" and room:
                label += "-"
            label += ch.lower()
    return label[:-1] if label.endswith("-") else label


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
        self._container_image: str | None = None

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

    def task_node_overrides(self) -> workflow_pb2.TaskNodeOverrides:
        overrides = workflow_pb2.TaskNodeOverrides()
        if self._resources is not None:
            overrides.resources.CopyFrom(self._resources)
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
        name: str | None = None,
        retries: int | None = None,
        timeout: datetime.timedelta | int | None = None,
        interruptible: bool | None = None,
        requests: Resources | None = None,
        limits: Resources | None = None,
        container_image: str | None = None,
    ) -> Node:
        """Change this call's node id, display name, retries, timeout, interruptible flag, resources or image."""
        from flytekit.core.promise import Promise, VoidPromise

        for label, value in (
            ("node_name", node_name),
            ("name", name),
            ("retries", retries),
            ("timeout", timeout),
        ):
            if isinstance(value, Promise | VoidPromise):
                raise FlyteAssertion(
                    f"with_overrides({label}=...) got a promise; overrides must be plain values."
                )
        if node_name is not None:
            self._id = dnsify(node_name)
        metadata = self._metadata_to_override()
        if name is not None:
            metadata.name = name
        if retries is not None:
            metadata.retries.retries = retries
        if timeout is not None:
            delta = datetime.timedelta(seconds=timeout) if isinstance(timeout, int) else timeout
            metadata.timeout.FromTimedelta(delta)
        if interruptible is not None:
            metadata.interruptible = interruptible
        if requests is not None or limits is not None:
            self._resources = tasks_pb2.Resources(
                requests=requests.to_entries() if requests else [],
                limits=limits.to_entries() if limits else [],
            )
        if container_image is not None:
            self._container_image = container_image
        return self

    def __repr__(self) -> str:
        return f"Node({self._id}, {getattr(self._flyte_entity, 'name', self._flyte_entity)})"
