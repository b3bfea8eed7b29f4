"""The workflow a dynamic task generates: built from its ``futures.pb``, cached next to it.

A dynamic task writes a ``core.DynamicJobSpec`` (nodes, the templates of the tasks they run,
embedded subworkflows, output bindings) as ``<outputDir>/futures.pb`` (flyte-propeller.md §2.7,
§6). :func:`load_dynamic_workflow` turns it into a compiled closure whose primary workflow has the
parent task's interface, builds the FlyteWorkflow sections of it (``spec``, ``tasks``,
``subWorkflows``) and caches both in ``futures_compiled.pb`` (the sections as JSON) and
``dynamic_compiled.pb`` (the ``CompiledWorkflowClosure``), so later rounds and a restarted
propeller reuse exactly the same workflow. The version of the generated workflow id is a hash of
the job spec, so a rebuild after a crash between the two writes yields the same workflow.

The children look their tasks up in :attr:`DynamicWorkflow.wf`: a view of the running workflow
whose ``tasks`` and ``subWorkflows`` also hold the generated ones, sharing ``status`` with it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import DecodeError

from flyteidl.core import compiler_pb2, dynamic_job_pb2, identifier_pb2, tasks_pb2, workflow_pb2
from flytepropeller.nodes.handler import NodeContext
from flytestdlib.errors import BlobNotFound, CorruptBlob, InvalidWorkflowDocument
from flytestdlib.flyteworkflow import FlyteWorkflow, WorkflowSpec, build_workflow_specs, fnv64a
from flytestdlib.storage import read_proto, write_proto

logger = logging.getLogger(__name__)

FUTURES_FILE = "futures.pb"
COMPILED_SPEC_FILE = "futures_compiled.pb"
COMPILED_CLOSURE_FILE = "dynamic_compiled.pb"


class DynamicWorkflowError(Exception):
    """The job spec of a dynamic task cannot be turned into a workflow (a user error)."""


@dataclass(frozen=True)
class _Sections:
    spec: dict[str, Any]
    tasks: dict[str, Any]
    sub_workflows: dict[str, Any]
    closure: compiler_pb2.CompiledWorkflowClosure


@dataclass(frozen=True)
class DynamicWorkflow:
    """The generated workflow of one dynamic node attempt, ready to walk."""

    wf: FlyteWorkflow
    spec: WorkflowSpec
    closure: compiler_pb2.CompiledWorkflowClosure
    futures_uri: str

    @property
    def id(self) -> identifier_pb2.Identifier:
        return self.closure.primary.template.id


def futures_uri(ctx: NodeContext) -> str:
    return ctx.blobs.join(ctx.output_dir, FUTURES_FILE)


class DynamicWorkflowCache:
    """Loads (building once) the generated workflows; parsed sections are kept in memory by URI."""

    def __init__(self, max_entries: int = 256) -> None:
        self._sections: dict[str, _Sections] = {}
        self._max_entries = max_entries

    def load(self, ctx: NodeContext) -> DynamicWorkflow:
        """The generated workflow of ``ctx``'s current attempt; raises ``DynamicWorkflowError``."""
        compiled_uri = ctx.blobs.join(ctx.output_dir, COMPILED_SPEC_FILE)
        sections = self._sections.get(compiled_uri)
        if sections is None:
            sections = _read_cached(ctx, compiled_uri) or _build(ctx, compiled_uri)
            if len(self._sections) >= self._max_entries:
                self._sections.pop(next(iter(self._sections)))
            self._sections[compiled_uri] = sections
        document = dict(ctx.wf.document)  # shares status (and everything else) with the running workflow
        document["tasks"] = {**(ctx.wf.document.get("tasks") or {}), **sections.tasks}
        document["subWorkflows"] = {**(ctx.wf.document.get("subWorkflows") or {}), **sections.sub_workflows}
        spec = WorkflowSpec(sections.spec, f"dynamic workflow of node {ctx.unique_id}")
        return DynamicWorkflow(FlyteWorkflow(document), spec, sections.closure, futures_uri(ctx))


def _read_cached(ctx: NodeContext, compiled_uri: str) -> _Sections | None:
    closure_uri = ctx.blobs.join(ctx.output_dir, COMPILED_CLOSURE_FILE)
    if not (ctx.blobs.exists(compiled_uri) and ctx.blobs.exists(closure_uri)):
        return None
    try:
        cached = json.loads(ctx.blobs.read(compiled_uri))
        closure = read_proto(ctx.blobs, closure_uri, compiler_pb2.CompiledWorkflowClosure)
        return _Sections(cached["spec"], cached["tasks"], cached["subWorkflows"], closure)
    except (ValueError, KeyError, TypeError, CorruptBlob, BlobNotFound) as error:
        logger.warning(
            "rebuilding the dynamic workflow of %s: cached copy unusable (%s)", ctx.unique_id, error
        )
        return None


def _build(ctx: NodeContext, compiled_uri: str) -> _Sections:
    uri = futures_uri(ctx)
    try:
        raw = ctx.blobs.read(uri)
        job = dynamic_job_pb2.DynamicJobSpec.FromString(raw)
    except (BlobNotFound, DecodeError) as error:
        raise DynamicWorkflowError(f"cannot read the dynamic job spec {uri}: {error}") from error
    closure = compile_job_spec(ctx, job, version=f"{fnv64a(raw):016x}")
    try:
        spec, tasks, sub_workflows = build_workflow_specs(
            closure, where=f"the dynamic workflow of node {ctx.node.id!r}"
        )
    except InvalidWorkflowDocument as error:
        raise DynamicWorkflowError(str(error)) from error
    connections = closure.primary.connections
    for source, targets in spec["edges"]["downstream"].items():
        connections.downstream[source].ids.extend(targets)
    for target, sources in spec["edges"]["upstream"].items():
        connections.upstream[target].ids.extend(sources)
    write_proto(ctx.blobs, ctx.blobs.join(ctx.output_dir, COMPILED_CLOSURE_FILE), closure)
    sections = {"spec": spec, "tasks": tasks, "subWorkflows": sub_workflows}
    ctx.blobs.write(compiled_uri, json.dumps(sections, sort_keys=True).encode())
    logger.info(
        "node %s of %s: built dynamic workflow %s (%d nodes)",
        ctx.unique_id,
        ctx.wf.name,
        closure.primary.template.id.name,
        len(job.nodes),
    )
    return _Sections(spec, tasks, sub_workflows, closure)


def compile_job_spec(
    ctx: NodeContext, job: dynamic_job_pb2.DynamicJobSpec, *, version: str
) -> compiler_pb2.CompiledWorkflowClosure:
    """The closure of the generated workflow: the parent task's interface, the job's nodes and outputs,
    its tasks (container tasks inherit the parent container's ``config``) and subworkflows."""
    parent = ctx.wf.task(ctx.node.task_key)
    workflow_id = identifier_pb2.Identifier(
        resource_type=identifier_pb2.WORKFLOW,
        project=parent.id.project,
        domain=parent.id.domain,
        name=f"dynamic_{ctx.unique_id}",
        version=version,
    )
    template = workflow_pb2.WorkflowTemplate(
        id=workflow_id, interface=parent.interface, nodes=job.nodes, outputs=job.outputs
    )
    tasks = []
    for task in job.tasks:
        child = tasks_pb2.TaskTemplate()
        child.CopyFrom(task)
        if child.HasField("container") and parent.HasField("container"):
            known = {pair.key for pair in child.container.config}
            child.container.config.extend(p for p in parent.container.config if p.key not in known)
        tasks.append(compiler_pb2.CompiledTask(template=child))
    return compiler_pb2.CompiledWorkflowClosure(
        primary=compiler_pb2.CompiledWorkflow(template=template),
        tasks=tasks,
        sub_workflows=[compiler_pb2.CompiledWorkflow(template=sub) for sub in job.subworkflows],
    )
