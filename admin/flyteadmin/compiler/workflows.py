"""The registration compiler for workflows: ``WorkflowTemplate`` -> ``CompiledWorkflowClosure``.

It resolves every node's interface (task, subworkflow, launch plan, branch, gate, array), type-checks
all bindings, injects the synthetic ``start-node`` (whose outputs are the workflow inputs) and
``end-node`` (whose inputs are the workflow outputs), derives the edges (promises, explicit
``upstream_node_ids``, and start/end edges for otherwise unconnected nodes), rejects cycles and
unreachable nodes, and bundles the referenced task templates. Problems are collected and raised
together as ``CompilationFailed``. The caller supplies the referenced tasks and launch plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flyteadmin.compiler.bindings import END_NODE, START_NODE, BindingChecker, NodeInterface
from flyteadmin.compiler.issues import IssueCollector
from flyteadmin.compiler.types import are_types_castable
from flyteidl.core import compiler_pb2, identifier_pb2, interface_pb2, tasks_pb2, types_pb2, workflow_pb2

__all__ = ["LaunchPlanInterface", "compile_workflow", "identifier_key"]


@dataclass(frozen=True)
class LaunchPlanInterface:
    """What a launch-plan node needs to know about the launch plan it starts."""

    expected_inputs: interface_pb2.ParameterMap
    expected_outputs: interface_pb2.VariableMap

    def node_interface(self) -> NodeInterface:
        params = self.expected_inputs.parameters
        return NodeInterface(
            inputs={name: param.var.type for name, param in params.items()},
            outputs={name: var.type for name, var in self.expected_outputs.variables.items()},
            defaulted=frozenset(name for name, param in params.items() if not param.required),
        )


def identifier_key(identifier: identifier_pb2.Identifier) -> str:
    """The lookup key of a referenced entity: ``project:domain:name:version``."""
    return f"{identifier.project}:{identifier.domain}:{identifier.name}:{identifier.version}"


class _Context:
    """What all workflows of one closure share: referenced entities, compiled subworkflows, issues."""

    def __init__(
        self,
        sub_workflows: Sequence[workflow_pb2.WorkflowTemplate],
        tasks: Mapping[str, tasks_pb2.TaskTemplate],
        launch_plans: Mapping[str, LaunchPlanInterface],
        registered: Mapping[str, compiler_pb2.CompiledWorkflowClosure],
    ) -> None:
        self.issues = IssueCollector()
        self.sub_templates = {identifier_key(t.id): t for t in sub_workflows}
        self.registered = registered
        # registered workflows used as subworkflows, in first-use order (keys of compiled_subs)
        self.borrowed: list[str] = []
        self.tasks = tasks
        self.launch_plans = launch_plans
        self.compiled_subs: dict[str, compiler_pb2.CompiledWorkflow] = {}
        self.in_progress: set[str] = set()
        self.used_tasks: dict[str, tasks_pb2.TaskTemplate] = {}

    def sub_workflow(self, node_id: str, identifier: identifier_pb2.Identifier) -> NodeInterface | None:
        key = identifier_key(identifier)
        template = self.sub_templates.get(key)
        if template is None and key in self.registered:
            return self._borrow(key)
        if template is None:
            self.issues.add(
                "WorkflowReferenceNotFound",
                node_id,
                f"Referenced subworkflow [{key}] is not among the workflow's sub_workflows.",
            )
            return None
        if key in self.in_progress:
            self.issues.add("CycleDetected", node_id, f"Subworkflow [{key}] includes itself.")
            return None
        if key not in self.compiled_subs:
            self.in_progress.add(key)
            self.compiled_subs[key] = _WorkflowCompiler(template, self).compile()
            self.in_progress.discard(key)
        return NodeInterface.of(template.interface)

    def _borrow(self, key: str) -> NodeInterface:
        """Use an already registered (compiled) workflow as subworkflow: flytekit leaves the
        templates of subworkflows in nested branch arms out of the spec."""
        closure = self.registered[key]
        if key not in self.compiled_subs:
            self.compiled_subs[key] = closure.primary
            self.borrowed.append(key)
            for sub in closure.sub_workflows:
                sub_key = identifier_key(sub.template.id)
                if sub_key not in self.compiled_subs:
                    self.compiled_subs[sub_key] = sub
                    self.borrowed.append(sub_key)
            for task in closure.tasks:
                self.used_tasks.setdefault(identifier_key(task.template.id), task.template)
        return NodeInterface.of(closure.primary.template.interface)


class _WorkflowCompiler:
    def __init__(self, template: workflow_pb2.WorkflowTemplate, context: _Context) -> None:
        self._template = template
        self._context = context
        self._issues = context.issues
        self._interfaces: dict[str, NodeInterface] = {
            START_NODE: NodeInterface(inputs={}, outputs=_variables(template.interface.inputs)),
            END_NODE: NodeInterface(inputs=_variables(template.interface.outputs), outputs={}),
        }
        self._upstream: dict[str, set[str]] = {}
        self._downstream: dict[str, set[str]] = {}
        self._checker = BindingChecker(self._issues, self._outputs_of)
        # interfaces of the nodes inside branch nodes, by (branch path, position); the path of a
        # top-level branch is its id, of a nested one ``<outer path>-<its id>`` (its compiled id)
        self._inner_interfaces: dict[tuple[str, int], NodeInterface] = {}

    def _outputs_of(self, node_id: str) -> Mapping[str, types_pb2.LiteralType] | None:
        found = self._interfaces.get(node_id)
        return None if found is None else found.outputs

    def _edge(self, source: str, target: str) -> None:
        self._downstream.setdefault(source, set()).add(target)
        self._upstream.setdefault(target, set()).add(source)

    def compile(self) -> compiler_pb2.CompiledWorkflow:
        template = self._template
        workflow_id = identifier_key(template.id)
        if not template.nodes:
            self._issues.add("NoNodesFound", workflow_id, "The workflow has no nodes; add at least one node.")
        for node in template.nodes:
            if not node.id:
                self._issues.add("ValueRequired", workflow_id, "A node has no id.")
            elif node.id in self._interfaces:
                self._issues.add("DuplicateId", node.id, f"Node id [{node.id}] is used more than once.")
            else:
                interface = self._node_interface(node)
                if interface is not None:
                    self._interfaces[node.id] = interface
        for node in template.nodes:
            if node.id in self._interfaces and node.id not in (START_NODE, END_NODE):
                self._wire_node(node)
        self._wire_outputs()
        if template.HasField("failure_node"):
            self._wire_failure_node(template.failure_node)
        self._connect_orphans()
        self._check_reachability()
        return self._build()

    # -- node interfaces -------------------------------------------------------------------------

    def _node_interface(self, node: workflow_pb2.Node) -> NodeInterface | None:
        target = node.WhichOneof("target")
        if target == "task_node":
            return self._task_interface(node.id, node.task_node.reference_id)
        if target == "workflow_node":
            reference = node.workflow_node.WhichOneof("reference")
            if reference == "launchplan_ref":
                key = identifier_key(node.workflow_node.launchplan_ref)
                found = self._context.launch_plans.get(key)
                if found is None:
                    self._issues.add(
                        "WorkflowReferenceNotFound", node.id, f"Referenced launch plan [{key}] not found."
                    )
                    return None
                return found.node_interface()
            if reference == "sub_workflow_ref":
                return self._context.sub_workflow(node.id, node.workflow_node.sub_workflow_ref)
            self._issues.add("ValueRequired", node.id, "The workflow node references no workflow.")
            return None
        if target == "branch_node":
            return self._branch_interface(node)
        if target == "gate_node":
            return self._gate_interface(node)
        if target == "array_node":
            return self._array_interface(node)
        self._issues.add(
            "ValueRequired", node.id, "The node has no target (task, workflow, branch, gate, array)."
        )
        return None

    def _task_interface(self, node_id: str, reference: identifier_pb2.Identifier) -> NodeInterface | None:
        key = identifier_key(reference)
        task = self._context.tasks.get(key)
        if task is None:
            self._issues.add("TaskReferenceNotFound", node_id, f"Referenced Task [{key}] not found.")
            return None
        self._context.used_tasks.setdefault(key, task)
        return NodeInterface.of(task.interface)

    def _branch_interface(self, node: workflow_pb2.Node, path: str | None = None) -> NodeInterface | None:
        path = path or node.id
        if_else = node.branch_node.if_else
        if not if_else.HasField("case"):
            self._issues.add("BranchNodeHasNoCondition", node.id, "The branch node has no `if` case.")
            return None
        blocks = [if_else.case, *if_else.other]
        if not all(block.HasField("then_node") for block in blocks):
            self._issues.add("BranchNodeIdNotFound", node.id, "A branch case has no node to run.")
        if if_else.WhichOneof("default") is None:
            self._issues.add(
                "BranchNodeHasNoDefault", node.id, "The branch node has neither an else node nor an error."
            )
        outputs: dict[str, types_pb2.LiteralType] | None = None
        for position, inner_node in enumerate(_branch_nodes(node)):
            if inner_node.WhichOneof("target") == "branch_node":
                interface = self._branch_interface(inner_node, f"{path}-{inner_node.id}")
            else:
                interface = self._node_interface(inner_node)
            if interface is None:
                continue
            if outputs is None:
                outputs = dict(interface.outputs)
            else:
                outputs = {
                    name: kind
                    for name, kind in outputs.items()
                    if name in interface.outputs and are_types_castable(interface.outputs[name], kind)
                }
            self._inner_interfaces[(path, position)] = interface
        return NodeInterface(inputs={}, outputs=outputs or {})

    def _gate_interface(self, node: workflow_pb2.Node) -> NodeInterface:
        gate = node.gate_node
        condition = gate.WhichOneof("condition")
        if condition == "signal":
            return NodeInterface(inputs={}, outputs={gate.signal.output_variable_name: gate.signal.type})
        if condition == "approve":
            passed = {binding.var: types_pb2.LiteralType() for binding in node.inputs}
            return NodeInterface(inputs={}, outputs=passed)
        return NodeInterface(inputs={}, outputs={})

    def _array_interface(self, node: workflow_pb2.Node) -> NodeInterface | None:
        sub = self._node_interface(node.array_node.node)
        if sub is None:
            return None
        array = node.array_node
        if not (
            array.HasField("is_original_sub_node_interface") and array.is_original_sub_node_interface.value
        ):
            return sub  # a map task's template already maps every unbound input and output to a list
        bound = set(array.bound_inputs)
        return NodeInterface(
            inputs={
                name: kind if name in bound else types_pb2.LiteralType(collection_type=kind)
                for name, kind in sub.inputs.items()
            },
            outputs={name: types_pb2.LiteralType(collection_type=kind) for name, kind in sub.outputs.items()},
            defaulted=sub.defaulted,
        )

    # -- edges -----------------------------------------------------------------------------------

    def _wire_node(self, node: workflow_pb2.Node) -> None:
        interface = self._interfaces[node.id]
        target = node.WhichOneof("target")
        checked_interface = None if target in ("branch_node", "gate_node") else interface
        upstream = self._checker.check_node_inputs(node.id, list(node.inputs), checked_interface)
        if target == "branch_node":
            upstream |= self._branch_inputs_upstream(node.id, node, node.id)
        for source in upstream:
            if source != node.id:
                self._edge(source, node.id)
        for explicit in node.upstream_node_ids:
            if explicit not in self._interfaces:
                self._issues.add(
                    "NodeReferenceNotFound",
                    node.id,
                    f"Upstream node [{explicit}] is not part of this workflow.",
                )
            elif explicit != node.id:
                self._edge(explicit, node.id)

    def _branch_inputs_upstream(self, owner_id: str, node: workflow_pb2.Node, path: str) -> set[str]:
        """Check the inputs of every node a branch may run, nested branches included; the nodes they
        read from become upstream of the top-level branch node ``owner_id``."""
        upstream: set[str] = set()
        for position, inner_node in enumerate(_branch_nodes(node)):
            inner_target = inner_node.WhichOneof("target")
            inner_interface = (
                None
                if inner_target in ("branch_node", "gate_node")
                else self._inner_interfaces.get((path, position))
            )
            upstream |= self._checker.check_node_inputs(owner_id, list(inner_node.inputs), inner_interface)
            if inner_target == "branch_node":
                upstream |= self._branch_inputs_upstream(owner_id, inner_node, f"{path}-{inner_node.id}")
        return upstream

    def _wire_outputs(self) -> None:
        end = self._interfaces[END_NODE]
        upstream = self._checker.check_node_inputs(END_NODE, list(self._template.outputs), end)
        for source in upstream:
            self._edge(source, END_NODE)

    def _wire_failure_node(self, node: workflow_pb2.Node) -> None:
        interface = self._node_interface(node)
        if interface is None:
            return
        upstream = self._checker.check_node_inputs(node.id, list(node.inputs), interface)
        for source in upstream:
            self._upstream.setdefault(node.id, set()).add(source)

    def _connect_orphans(self) -> None:
        for node in self._template.nodes:
            if node.id not in self._interfaces or node.id in (START_NODE, END_NODE):
                continue
            if not self._upstream.get(node.id):
                self._edge(START_NODE, node.id)
            if not self._downstream.get(node.id):
                self._edge(node.id, END_NODE)

    def _check_reachability(self) -> None:
        visited: set[str] = set()
        on_path: list[str] = []
        reported_cycle = False

        def visit(node_id: str) -> None:
            nonlocal reported_cycle
            visited.add(node_id)
            on_path.append(node_id)
            for child in sorted(self._downstream.get(node_id, ())):
                if child in on_path:
                    if not reported_cycle:
                        cycle = [*on_path[on_path.index(child) :], child]
                        self._issues.add("CycleDetected", child, f"Found a cycle: {'>'.join(cycle)}.")
                        reported_cycle = True
                elif child not in visited:
                    visit(child)
            on_path.pop()

        visit(START_NODE)
        unreachable = [
            node.id
            for node in self._template.nodes
            if node.id in self._interfaces and node.id not in visited and node.id != END_NODE
        ]
        for node_id in unreachable:  # cycles may hide among nodes the start node cannot reach
            if node_id not in visited:
                visit(node_id)
        if unreachable:
            self._issues.add(
                "UnreachableNodes",
                identifier_key(self._template.id),
                f"Nodes not reachable from the start node: {','.join(unreachable)}.",
            )

    # -- output ----------------------------------------------------------------------------------

    def _rename_branch_nodes(self, node: workflow_pb2.Node) -> None:
        """Give the nodes inside a branch node workflow-unique ids ``<branch id>-<node id>`` (as Flyte's
        compiler does) and make each one a downstream of the branch node; nested branches repeat
        this below their own (already renamed) id, so ids stay unique at any depth (``n1-n0-n0``)."""
        for inner in _branch_nodes(node):
            inner.id = f"{node.id}-{inner.id}"
            self._edge(node.id, inner.id)
            if inner.WhichOneof("target") == "branch_node":
                self._rename_branch_nodes(inner)

    def _build(self) -> compiler_pb2.CompiledWorkflow:
        template = workflow_pb2.WorkflowTemplate()
        template.CopyFrom(self._template)
        del template.nodes[:]
        template.nodes.append(workflow_pb2.Node(id=START_NODE))
        for node in self._template.nodes:
            compiled = template.nodes.add()
            compiled.CopyFrom(node)
            compiled.upstream_node_ids[:] = sorted(set(node.upstream_node_ids))
            if compiled.WhichOneof("target") == "branch_node":
                self._rename_branch_nodes(compiled)
        template.nodes.append(workflow_pb2.Node(id=END_NODE, inputs=self._template.outputs))
        connections = compiler_pb2.ConnectionSet()
        for source, targets in self._downstream.items():
            connections.downstream[source].ids.extend(sorted(targets))
        for target, sources in self._upstream.items():
            connections.upstream[target].ids.extend(sorted(sources))
        return compiler_pb2.CompiledWorkflow(template=template, connections=connections)


def _branch_nodes(node: workflow_pb2.Node) -> list[workflow_pb2.Node]:
    """The nodes a branch node may run: each case's then-node, then the else-node if any."""
    if_else = node.branch_node.if_else
    inner = [block.then_node for block in [if_else.case, *if_else.other] if block.HasField("then_node")]
    if if_else.WhichOneof("default") == "else_node":
        inner.append(if_else.else_node)
    return inner


def _variables(variable_map: interface_pb2.VariableMap) -> dict[str, types_pb2.LiteralType]:
    return {name: var.type for name, var in variable_map.variables.items()}


def compile_workflow(
    template: workflow_pb2.WorkflowTemplate,
    sub_workflows: Sequence[workflow_pb2.WorkflowTemplate],
    tasks: Mapping[str, tasks_pb2.TaskTemplate],
    launch_plans: Mapping[str, LaunchPlanInterface],
    registered: Mapping[str, compiler_pb2.CompiledWorkflowClosure] | None = None,
) -> compiler_pb2.CompiledWorkflowClosure:
    """Compile ``template`` with its subworkflows; ``tasks``/``launch_plans`` are keyed by
    :func:`identifier_key`. ``registered`` holds compiled closures of registered workflows for
    subworkflow references the spec does not embed (see :func:`missing_sub_workflows`); they join
    the closure's subworkflows. Raises ``CompilationFailed`` listing every problem found."""
    context = _Context(sub_workflows, tasks, launch_plans, registered or {})
    primary = _WorkflowCompiler(template, context).compile()
    for sub in sub_workflows:  # subworkflows no node references are compiled (and checked) too
        key = identifier_key(sub.id)
        if key not in context.compiled_subs:
            context.in_progress.add(key)
            context.compiled_subs[key] = _WorkflowCompiler(sub, context).compile()
            context.in_progress.discard(key)
    context.issues.raise_if_any()
    return compiler_pb2.CompiledWorkflowClosure(
        primary=primary,
        sub_workflows=[
            *(context.compiled_subs[identifier_key(sub.id)] for sub in sub_workflows),
            *(context.compiled_subs[key] for key in context.borrowed),
        ],
        tasks=[compiler_pb2.CompiledTask(template=task) for task in context.used_tasks.values()],
    )
