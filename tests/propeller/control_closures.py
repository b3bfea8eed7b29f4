"""Hand-made closures whose one node ``n0`` is a gate or a launch-plan node, and a propeller wired
to an in-memory admin (``MemoryAdminClient``, the outer seam to admin's control-plane RPCs)."""

from __future__ import annotations

from flyteidl.core import compiler_pb2, identifier_pb2, literals_pb2, types_pb2, workflow_pb2
from flytepropeller.controlplane import MemoryAdminClient
from flytepropeller.local import LocalPropeller
from tests.propeller.conftest import DOMAIN, PROJECT, Platform, script_task
from tests.stdlib.flyteworkflow.closures import chain_closure, promise

INTEGER = types_pb2.LiteralType(simple=types_pb2.INTEGER)
CHILD_LP = identifier_pb2.Identifier(
    resource_type=identifier_pb2.LAUNCH_PLAN,
    project=PROJECT,
    domain=DOMAIN,
    name="tests.child.lp",
    version="v1",
)


def one_node_closure(
    node: workflow_pb2.Node, *, output_from_node: bool = True
) -> compiler_pb2.CompiledWorkflowClosure:
    """``wf(x) -> o0`` whose node ``n0`` is ``node`` (id, bindings and target taken from it); the
    workflow output is ``n0.o0`` or, for nodes without outputs, ``x`` itself."""
    closure = chain_closure([script_task("tests.control.add", "add")], project=PROJECT, domain=DOMAIN)
    template = closure.primary.template
    n0 = template.nodes[1]
    n0.ClearField("task_node")
    n0.ClearField("inputs")
    n0.inputs.extend(node.inputs)
    n0.metadata.name = node.metadata.name or "n0"
    target = node.WhichOneof("target")
    getattr(n0, target).CopyFrom(getattr(node, target))
    if not output_from_node:
        for binding in (*template.outputs, *template.nodes[2].inputs):
            binding.binding.CopyFrom(promise("start-node", "x"))
    return closure


def x_binding(var: str = "x") -> literals_pb2.Binding:
    return literals_pb2.Binding(var=var, binding=promise("start-node", "x"))


def propeller_with(platform: Platform, admin: MemoryAdminClient | None) -> LocalPropeller:
    settings = platform.settings.model_copy(update={"admin_poll_interval": 0.0})
    return LocalPropeller(
        platform.store, platform.blobs, platform.cluster, platform.events, settings, admin=admin
    )


def signal_id(execution: str, name: str) -> identifier_pb2.SignalIdentifier:
    return identifier_pb2.SignalIdentifier(
        signal_id=name,
        execution_id=identifier_pb2.WorkflowExecutionIdentifier(
            project=PROJECT, domain=DOMAIN, name=execution
        ),
    )


def run_once(propeller: LocalPropeller) -> bool:
    """One poll of ``propeller``; True so that it chains in ``wait_for`` predicates."""
    propeller.run_once()
    return True
