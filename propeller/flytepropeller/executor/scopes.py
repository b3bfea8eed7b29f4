"""Where the nodes of one DAG keep their statuses and data (flyte-propeller.md §1.8, §6).

A :class:`Scope` is one DAG's worth of nodes: the workflow's own (statuses in
``status.nodeStatus``, data under ``<wfDir>/<nodeId>/data``) or a subworkflow's run under a
workflow node (statuses in that node's ``subNodeStatus``, data under its output dir). It builds
the per-round :class:`NodeContext` of a node, nesting branch children (``parentNode``) and
subworkflow children under their parent: unique id ``<parent uid>-<attempt>-<id>``, data dir
``<parent outputDir>/<id>``, and the parent named in their events.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from flytepropeller.events import EventRecorder
from flytepropeller.nodes import NodeContext
from flytepropeller.settings import PropellerSettings
from flytestdlib.flyteworkflow import FlyteWorkflow, NodeSpec, NodeStatus, WorkflowSpec
from flytestdlib.storage import BlobStore


class NodeStatuses(Protocol):
    """``status.nodeStatus`` or one node's ``subNodeStatus``."""

    def node(self, node_id: str) -> NodeStatus: ...

    def find_node(self, node_id: str) -> NodeStatus | None: ...

    def node_ids(self) -> list[str]: ...


@dataclass(frozen=True)
class Scope:
    """The nodes of ``spec`` in one round; ``parent`` is the workflow node a subworkflow runs under."""

    wf: FlyteWorkflow
    spec: WorkflowSpec
    statuses: NodeStatuses
    blobs: BlobStore
    events: EventRecorder
    settings: PropellerSettings
    now: datetime
    wf_dir: str
    parent: NodeContext | None = None
    in_dynamic_chain: bool = False

    def context(self, node_id: str) -> NodeContext:
        node = self.spec.node(node_id)
        status = self.statuses.node(node_id)
        if status.parent_node:
            # a branch child: its data lives under the branch node's attempt folder
            return self._nested(self.context(status.parent_node), node, status)
        if self.parent is not None:
            return self._nested(self.parent, node, status)
        return NodeContext(
            wf=self.wf,
            spec=self.spec,
            node=node,
            status=status,
            unique_id=node_id,
            data_dir=self.blobs.join(self.wf_dir, node_id, "data"),
            blobs=self.blobs,
            events=self.events,
            settings=self.settings,
            now=self.now,
        )

    def nested(
        self,
        parent: NodeContext,
        spec: WorkflowSpec,
        *,
        wf: FlyteWorkflow | None = None,
        statuses: NodeStatuses | None = None,
    ) -> Scope:
        """The scope of the subworkflow ``spec`` run by the workflow node ``parent``; a dynamic task
        passes its generated workflow as ``wf`` and its ``dynamic-node`` statuses as ``statuses``."""
        return replace(
            self,
            wf=wf or self.wf,
            spec=spec,
            statuses=parent.status.sub_nodes if statuses is None else statuses,
            parent=parent,
            in_dynamic_chain=self.in_dynamic_chain or wf is not None,
        )

    def _nested(self, parent: NodeContext, node: NodeSpec, status: NodeStatus) -> NodeContext:
        attempt = str(parent.status.attempts)
        return NodeContext(
            wf=self.wf,
            spec=self.spec,
            node=node,
            status=status,
            unique_id=f"{parent.unique_id}-{attempt}-{node.id}",
            data_dir=self.blobs.join(parent.output_dir, node.id),
            blobs=self.blobs,
            events=self.events,
            settings=self.settings,
            now=self.now,
            parent_unique_id=parent.unique_id,
            retry_group=attempt,
            in_dynamic_chain=self.in_dynamic_chain,
        )
