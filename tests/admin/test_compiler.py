"""The registration compiler: type rules, compiled workflow shape, and the errors it collects."""

from __future__ import annotations

import pytest

from flyteadmin.compiler import (
    CompilationFailed,
    LaunchPlanInterface,
    are_types_castable,
    compile_task,
    compile_workflow,
    expected_interface,
    identifier_key,
    literal_type_of,
)
from flyteadmin.errors import InvalidArgument
from flyteidl.core import condition_pb2, identifier_pb2, interface_pb2, literals_pb2, tasks_pb2, types_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from tests.admin.builders import (
    FLOAT,
    INT,
    STR,
    ident,
    int_literal,
    interface,
    launch_plan_spec,
    promise,
    task_node,
    task_spec,
    two_step_workflow,
)


def union(*variants: types_pb2.LiteralType) -> types_pb2.LiteralType:
    return types_pb2.LiteralType(union_type=types_pb2.UnionType(variants=variants))


def tagged(simple: int, tag: str) -> types_pb2.LiteralType:
    return types_pb2.LiteralType(simple=simple, structure=types_pb2.TypeStructure(tag=tag))  # type: ignore[arg-type]


NONE = tagged(types_pb2.NONE, "none")


@pytest.mark.parametrize(
    ("upstream", "downstream", "castable"),
    [
        (INT, INT, True),
        (INT, FLOAT, False),
        (types_pb2.LiteralType(enum_type=types_pb2.EnumType(values=["a"])), STR, True),
        (STR, types_pb2.LiteralType(enum_type=types_pb2.EnumType(values=["a"])), True),
        (types_pb2.LiteralType(collection_type=INT), types_pb2.LiteralType(collection_type=INT), True),
        (types_pb2.LiteralType(collection_type=INT), types_pb2.LiteralType(collection_type=FLOAT), False),
        (types_pb2.LiteralType(map_value_type=FLOAT), types_pb2.LiteralType(map_value_type=FLOAT), True),
        (STR, union(tagged(types_pb2.STRING, "str"), NONE), True),
        (NONE, union(tagged(types_pb2.STRING, "str"), NONE), True),
        (INT, union(tagged(types_pb2.STRING, "str"), NONE), False),
        (union(INT), INT, True),
        (tagged(types_pb2.INTEGER, "a"), tagged(types_pb2.INTEGER, "b"), False),
        (
            types_pb2.LiteralType(blob=types_pb2.BlobType(format="csv")),
            types_pb2.LiteralType(blob=types_pb2.BlobType(format="")),
            True,
        ),
        (
            types_pb2.LiteralType(blob=types_pb2.BlobType(format="csv")),
            types_pb2.LiteralType(blob=types_pb2.BlobType(format="parquet")),
            False,
        ),
    ],
)
def test_type_castability_follows_flyte_rules(
    upstream: types_pb2.LiteralType, downstream: types_pb2.LiteralType, castable: bool
) -> None:
    assert are_types_castable(upstream, downstream) is castable


def test_literal_types_are_inferred_from_values() -> None:
    mixed = literals_pb2.Literal(
        collection=literals_pb2.LiteralCollection(
            literals=[
                int_literal(1),
                literals_pb2.Literal(
                    scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(string_value="x"))
                ),
            ]
        )
    )
    inferred = literal_type_of(mixed)
    assert inferred is not None
    assert [v.simple for v in inferred.collection_type.union_type.variants] == [
        types_pb2.INTEGER,
        types_pb2.STRING,
    ]
    struct = literals_pb2.Literal(
        scalar=literals_pb2.Scalar(binary=literals_pb2.Binary(value=b"\x80", tag="msgpack"))
    )
    assert literal_type_of(struct) == types_pb2.LiteralType(simple=types_pb2.STRUCT)
    assert literal_type_of(literals_pb2.Literal()) is None


def _tasks(*specs: tuple[identifier_pb2.Identifier, object]) -> dict[str, tasks_pb2.TaskTemplate]:
    return {identifier_key(task_id): spec.template for task_id, spec in specs}  # type: ignore[attr-defined]


def test_compiled_workflow_has_start_and_end_nodes_and_connections() -> None:
    task = task_spec("mod.add")
    _, spec = two_step_workflow("mod.wf", task[0])
    closure = compile_workflow(spec.template, [], _tasks(task), {})
    nodes = [node.id for node in closure.primary.template.nodes]
    assert nodes == ["start-node", "n0", "n1", "end-node"]
    end = closure.primary.template.nodes[-1]
    assert [b.var for b in end.inputs] == ["o0"]
    connections = closure.primary.connections
    assert list(connections.downstream["start-node"].ids) == ["n0", "n1"]
    assert list(connections.downstream["n0"].ids) == ["n1"]
    assert list(connections.upstream["end-node"].ids) == ["n1"]
    assert list(connections.upstream["n1"].ids) == ["n0", "start-node"]
    assert [t.template.id.name for t in closure.tasks] == ["mod.add"]


def test_compile_errors_are_collected_with_codes() -> None:
    task = task_spec("mod.add")
    workflow = core_workflow_pb2.WorkflowTemplate(
        id=ident(identifier_pb2.WORKFLOW, "mod.bad"),
        interface=interface({"x": FLOAT}, {"o0": INT}),
        nodes=[
            task_node("n0", task[0], a=promise("", "x")),  # float into int; b unbound
            task_node("n1", ident(identifier_pb2.TASK, "mod.missing"), a=promise("n9", "o0")),
        ],
        outputs=[literals_pb2.Binding(var="o0", binding=promise("n0", "nope"))],
    )
    with pytest.raises(CompilationFailed) as failure:
        compile_workflow(workflow, [], _tasks(task), {})
    codes = {issue.code for issue in failure.value.issues}
    assert {"MismatchingTypes", "ParameterNotBound", "TaskReferenceNotFound", "VariableNameNotFound"} <= codes
    assert "mod.missing" in failure.value.render()


def test_cycles_are_detected() -> None:
    task = task_spec("mod.add")
    workflow = core_workflow_pb2.WorkflowTemplate(
        id=ident(identifier_pb2.WORKFLOW, "mod.cycle"),
        interface=interface({}, {}),
        nodes=[
            task_node(
                "n0", task[0], a=promise("n1", "o0"), b=literals_pb2.BindingData(scalar=int_literal(1).scalar)
            ),
            task_node(
                "n1", task[0], a=promise("n0", "o0"), b=literals_pb2.BindingData(scalar=int_literal(1).scalar)
            ),
        ],
    )
    with pytest.raises(CompilationFailed) as failure:
        compile_workflow(workflow, [], _tasks(task), {})
    assert {"CycleDetected", "UnreachableNodes"} <= {issue.code for issue in failure.value.issues}


def test_launch_plan_nodes_use_the_expected_interface() -> None:
    lp_id = ident(identifier_pb2.LAUNCH_PLAN, "mod.lp")
    params = interface_pb2.ParameterMap(
        parameters={
            "x": interface_pb2.Parameter(var=interface_pb2.Variable(type=INT), required=True),
            "y": interface_pb2.Parameter(var=interface_pb2.Variable(type=INT), default=int_literal(2)),
        }
    )
    node = core_workflow_pb2.Node(
        id="n0",
        inputs=[literals_pb2.Binding(var="x", binding=promise("", "x"))],
        workflow_node=core_workflow_pb2.WorkflowNode(launchplan_ref=lp_id),
    )
    workflow = core_workflow_pb2.WorkflowTemplate(
        id=ident(identifier_pb2.WORKFLOW, "mod.parent"),
        interface=interface({"x": INT}, {"o0": INT}),
        nodes=[node],
        outputs=[literals_pb2.Binding(var="o0", binding=promise("n0", "o0"))],
    )
    outputs = interface_pb2.VariableMap(variables={"o0": interface_pb2.Variable(type=INT)})
    closure = compile_workflow(
        workflow, [], {}, {identifier_key(lp_id): LaunchPlanInterface(params, outputs)}
    )
    assert [n.id for n in closure.primary.template.nodes] == ["start-node", "n0", "end-node"]


def test_launch_plan_expected_inputs_mark_unbound_inputs_required() -> None:
    task = task_spec("mod.add")
    workflow_id, workflow = two_step_workflow("mod.wf", task[0])
    _, spec = launch_plan_spec("mod.wf", workflow_id, default_y=4)
    expected, outputs = expected_interface(workflow.template.interface, spec)
    assert expected.parameters["x"].required
    assert expected.parameters["y"].default.scalar.primitive.integer == 4
    assert list(outputs.variables) == ["o0"]
    spec.fixed_inputs.literals["nope"].CopyFrom(int_literal(1))
    with pytest.raises(InvalidArgument, match="unexpected fixed_input nope"):
        expected_interface(workflow.template.interface, spec)


def test_container_tasks_need_an_image_and_valid_resources() -> None:
    _, spec = task_spec("mod.t", image="")
    spec.template.container.resources.requests.add(name=tasks_pb2.Resources.CPU, value="2")
    spec.template.container.resources.limits.add(name=tasks_pb2.Resources.CPU, value="500m")
    spec.template.container.resources.limits.add(name=tasks_pb2.Resources.MEMORY, value="lots")
    with pytest.raises(CompilationFailed) as failure:
        compile_task(spec.template)
    text = failure.value.render()
    assert "no image" in text and "above its limit" in text and "'lots'" in text


def test_branch_nodes_get_prefixed_ids_and_edges_from_the_branch() -> None:
    task = task_spec("mod.add")
    workflow_id = ident(identifier_pb2.WORKFLOW, "mod.branchy")
    condition = condition_pb2.BooleanExpression(
        comparison=condition_pb2.ComparisonExpression(
            operator=condition_pb2.ComparisonExpression.GT,
            left_value=condition_pb2.Operand(var="n0.o0"),
            right_value=condition_pb2.Operand(primitive=literals_pb2.Primitive(integer=5)),
        )
    )
    branch = core_workflow_pb2.Node(
        id="n1",
        metadata=core_workflow_pb2.NodeMetadata(name="pick"),
        inputs=[literals_pb2.Binding(var="n0.o0", binding=promise("n0", "o0"))],
        upstream_node_ids=["n0"],
        branch_node=core_workflow_pb2.BranchNode(
            if_else=core_workflow_pb2.IfElseBlock(
                case=core_workflow_pb2.IfBlock(
                    condition=condition,
                    then_node=task_node("n0", task[0], a=promise("n0", "o0"), b=promise("", "x")),
                ),
                else_node=task_node("n1", task[0], a=promise("", "x"), b=promise("", "x")),
            )
        ),
    )
    template = core_workflow_pb2.WorkflowTemplate(
        id=workflow_id,
        metadata=core_workflow_pb2.WorkflowMetadata(),
        interface=interface({"x": INT}, {"o0": INT}),
        nodes=[task_node("n0", task[0], a=promise("", "x"), b=promise("", "x")), branch],
        outputs=[literals_pb2.Binding(var="o0", binding=promise("n1", "o0"))],
    )
    closure = compile_workflow(template, [], _tasks(task), {})
    nodes = closure.primary.template.nodes
    assert [node.id for node in nodes] == ["start-node", "n0", "n1", "end-node"]
    if_else = nodes[2].branch_node.if_else
    assert if_else.case.then_node.id == "n1-n0"
    assert if_else.else_node.id == "n1-n1"
    connections = closure.primary.connections
    assert list(connections.downstream["n1"].ids) == ["end-node", "n1-n0", "n1-n1"]
    assert list(connections.upstream["n1-n0"].ids) == ["n1"]
    assert list(connections.upstream["n1"].ids) == ["n0", "start-node"]


def _array_workflow(
    task_id: identifier_pb2.Identifier, original_interface: bool | None
) -> core_workflow_pb2.WorkflowTemplate:
    """wf(xs: List[int]) -> List[int] whose n0 maps the task over xs as an array node."""
    listed = types_pb2.LiteralType(collection_type=INT)
    inner = task_node("mapped", task_id, x=promise("", "xs"))
    array = core_workflow_pb2.ArrayNode(node=inner)
    if original_interface is not None:
        array.is_original_sub_node_interface.value = original_interface
    return core_workflow_pb2.WorkflowTemplate(
        id=ident(identifier_pb2.WORKFLOW, "mod.mapped_wf"),
        metadata=core_workflow_pb2.WorkflowMetadata(),
        interface=interface({"xs": listed}, {"o0": listed}),
        nodes=[core_workflow_pb2.Node(id="n0", inputs=list(inner.inputs), array_node=array)],
        outputs=[literals_pb2.Binding(var="o0", binding=promise("n0", "o0"))],
    )


def test_a_map_task_array_node_keeps_the_list_interface_of_its_task() -> None:
    listed = types_pb2.LiteralType(collection_type=INT)
    task = task_spec("mod.map_square", {"x": listed}, {"o0": listed})
    for original in (False, None):  # flytekit's map tasks say False; older ones leave it unset
        closure = compile_workflow(_array_workflow(task[0], original), [], _tasks(task), {})
        assert [n.id for n in closure.primary.template.nodes] == ["start-node", "n0", "end-node"]


def test_an_array_node_over_the_original_interface_maps_it_to_lists() -> None:
    task = task_spec("mod.square", {"x": INT}, {"o0": INT})
    closure = compile_workflow(_array_workflow(task[0], True), [], _tasks(task), {})
    assert [n.id for n in closure.primary.template.nodes] == ["start-node", "n0", "end-node"]
    with pytest.raises(CompilationFailed, match="MismatchingTypes"):
        compile_workflow(_array_workflow(task[0], False), [], _tasks(task), {})


def test_artifact_parameters_are_kept_and_must_be_passed_without_an_artifact_service() -> None:
    from flyteadmin.services.inputs import resolve_inputs
    from flyteidl.core import artifact_id_pb2

    task = task_spec("mod.add")
    workflow_id, workflow = two_step_workflow("mod.wf", task[0])
    _, spec = launch_plan_spec("mod.wf", workflow_id, default_y=None)
    query = artifact_id_pb2.ArtifactQuery(
        artifact_id=artifact_id_pb2.ArtifactID(artifact_key=artifact_id_pb2.ArtifactKey(name="model"))
    )
    spec.default_inputs.parameters["y"].CopyFrom(
        interface_pb2.Parameter(var=interface_pb2.Variable(type=INT, description="y"), artifact_query=query)
    )
    expected, _ = expected_interface(workflow.template.interface, spec)
    assert expected.parameters["y"].artifact_query == query
    given = literals_pb2.LiteralMap(literals={"x": int_literal(1), "y": int_literal(2)})
    assert resolve_inputs(expected, literals_pb2.LiteralMap(), given) == given
    only_x = literals_pb2.LiteralMap(literals={"x": int_literal(1)})
    with pytest.raises(
        InvalidArgument, match=r"input y defaults to an artifact query.*pass a value for input y"
    ):
        resolve_inputs(expected, literals_pb2.LiteralMap(), only_x)
