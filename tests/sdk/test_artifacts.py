"""flytekit.Artifact: declarations, partition bindings, queries, serialization into interfaces and
launch-plan parameters, run-time partitions in output literal metadata.

Equality with flytekit 1.16.31 is checked by the corpus (``corpus_flows/artifacts_outputs.py``);
these tests pin the rules one at a time.
"""

from __future__ import annotations

import base64
import datetime
import os
import subprocess
import sys
import typing
from pathlib import Path
from typing import Annotated

import pytest

from flyteidl.core import artifact_id_pb2, literals_pb2
from flytekit import Artifact, LaunchPlan, task, workflow
from flytekit.core.artifact import (
    ArtifactQuery,
    DefaultArtifactSerializationHandler,
    Granularity,
    Inputs,
    Partition,
    Partitions,
    Serializer,
    TimePartition,
)
from flytekit.core.context_manager import FlyteContextManager, OutputMetadataTracker
from flytekit.core.sentinel import DYNAMIC_INPUT_BINDING
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteValidationException

WHEN = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)
Sales = Artifact(name="sales", partition_keys=["region", "channel"])
Daily = Artifact(name="daily", time_partitioned=True, time_partition_granularity=Granularity.MONTH)


def _stamp(value: datetime.datetime) -> artifact_id_pb2.LabelValue:
    label = artifact_id_pb2.LabelValue()
    label.time_value.FromDatetime(value)
    return label


def test_declaration_lists_keys_and_serializes_unvalued_keys_as_empty() -> None:
    ident = Sales.to_id_idl()
    assert ident.artifact_key.name == "sales" and not ident.artifact_key.project
    assert {k: v.static_value for k, v in ident.partitions.value.items()} == {"region": "", "channel": ""}
    assert not ident.HasField("time_partition")
    assert Daily.to_id_idl().time_partition.granularity == Granularity.MONTH
    assert Sales.partitions is not None and Sales.partitions.region.reference_artifact is Sales


def test_partitions_given_as_values_become_the_keys() -> None:
    a = Artifact(name="a", partitions={"k": "v"})
    assert a.partition_keys == ["k"]
    assert a.to_id_idl().partitions.value["k"].static_value == "v"
    with pytest.raises(ValueError, match="non-empty"):
        Artifact(name="b", partitions=Partitions(None))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Artifact(), "without a name"),
        (lambda: Artifact(name="x", partition_keys=[str(i) for i in range(11)]), "hard limit of 10"),
        (lambda: Sales("us"), "by position"),
        (lambda: Sales(country="x"), "Partition key country not found"),
        (lambda: Sales(region=3), "input binding data or static string"),
        (lambda: Sales(time_partition=WHEN), "non-time partitioned"),
        (lambda: Daily(time_partition="2024"), "Time partition needs to be"),
        (lambda: Artifact(name="x", partitions=[("k", "v")]), "dict or Partitions"),  # type: ignore[arg-type]
    ],
)
def test_bad_declarations_and_bindings_raise_value_error(
    make: typing.Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_binding_fills_unbound_partitions_with_the_run_time_sentinel() -> None:
    spec = Sales(region=Inputs.r)
    partial = spec.to_partial_artifact_id()
    assert partial.partitions.value["region"].input_binding.var == "r"
    assert partial.partitions.value["channel"] == DYNAMIC_INPUT_BINDING
    timed = Daily(time_partition=Inputs.day).to_partial_artifact_id()
    assert timed.time_partition.value.input_binding.var == "day"
    assert timed.time_partition.granularity == Granularity.MONTH
    # left to run time, the time partition takes the default granularity (flytekit's rule)
    dynamic = Daily().to_partial_artifact_id()
    assert dynamic.time_partition.value == DYNAMIC_INPUT_BINDING
    assert dynamic.time_partition.granularity == Granularity.DAY
    fixed = Daily(time_partition=WHEN).to_partial_artifact_id()
    assert fixed.time_partition.value == _stamp(WHEN)


def test_task_outputs_carry_the_partial_id_and_may_leave_partitions_to_run_time() -> None:
    @task
    def t(r: str) -> tuple[Annotated[int, Sales(region=Inputs.r)], Annotated[str, Daily], int]:
        return 1, "x", 2

    outputs = t.interface.outputs.variables
    assert outputs["o0"].artifact_partial_id.partitions.value["region"].input_binding.var == "r"
    assert outputs["o1"].artifact_partial_id.time_partition.value == DYNAMIC_INPUT_BINDING
    assert not outputs["o2"].HasField("artifact_partial_id")
    assert outputs["o0"].type.simple == outputs["o2"].type.simple  # the annotation changes no type
    assert t(r="us") == (1, "x", 2)


def test_workflow_outputs_must_bind_every_partition_to_an_input() -> None:
    @task
    def t() -> int:
        return 1

    with pytest.raises(FlyteValidationException, match="partition region's value dynamically"):

        @workflow
        def wf1() -> Annotated[int, Sales(channel="web")]:
            return t()  # type: ignore[no-any-return]

    with pytest.raises(FlyteValidationException, match="time partition's value dynamically"):

        @workflow
        def wf2() -> Annotated[int, Daily]:
            return t()  # type: ignore[no-any-return]

    with pytest.raises(FlyteValidationException, match="bound to input nope"):

        @task
        def t2() -> Annotated[int, Daily(time_partition=Inputs.nope)]:
            return 1

    @workflow
    def wf3(day: datetime.datetime) -> Annotated[int, Daily(time_partition=Inputs.day)]:
        return t()  # type: ignore[no-any-return]

    assert (
        wf3.interface.outputs.variables["o0"].artifact_partial_id.time_partition.value.input_binding.var
        == "day"
    )


def test_queries_know_whether_they_are_bound_and_serialize_without_version() -> None:
    assert not Sales.query(region="eu").bound
    q = Sales.query(region="eu", channel=Inputs.ch, project="p", domain="d")
    assert q.bound and str(q) == "Artifact Query: on sales"
    idl = q.to_flyte_idl()
    assert idl.artifact_id.artifact_key == artifact_id_pb2.ArtifactKey(project="p", domain="d", name="sales")
    assert idl.artifact_id.partitions.value["channel"].input_binding.var == "ch"
    assert not idl.artifact_id.version
    assert q.get_str(ch="web") == "'sales'... Partitions: region=eu, channel from input<ch>"
    with pytest.raises(ValueError, match="input binding ch not found"):
        q.get_str()
    assert not Daily.query().bound
    shifted = Daily.query(time_partition=Daily.time_partition - datetime.timedelta(days=1))
    assert shifted.time_partition is not None and shifted.time_partition.op == artifact_id_pb2.MINUS
    with pytest.raises(ValueError, match="not both"):
        Sales.query(partitions={"region": "a"}, channel="b")
    with pytest.raises(ValueError, match="conflicting partition key names"):
        Artifact(name="c", partition_keys=["domain"]).query()


def test_a_query_may_depend_on_one_other_artifact() -> None:
    other = Artifact(name="other", partition_keys=["region"], time_partitioned=True)
    assert other.partitions is not None
    q = Sales.query(partitions={"region": other.partitions.region, "channel": "web"})
    q2 = ArtifactQuery(Sales, "sales", partitions=q.partitions, time_partition=other.time_partition)
    assert q2.binding is other
    third = Artifact(name="third", time_partitioned=True)
    with pytest.raises(ValueError, match="Multiple bindings"):
        ArtifactQuery(Sales, "sales", partitions=q.partitions, time_partition=third.time_partition)


def test_time_partitions_and_partitions_objects() -> None:
    with pytest.raises(ValueError, match="shouldn't be a str"):
        TimePartition("2024-01-01")
    later = TimePartition(WHEN, granularity=Granularity.HOUR) + datetime.timedelta(hours=1)
    assert later.op == artifact_id_pb2.PLUS and later.other == datetime.timedelta(hours=1)
    assert later.to_flyte_idl() == artifact_id_pb2.TimePartition(
        value=_stamp(WHEN), granularity=Granularity.HOUR
    )
    assert list(TimePartition(Inputs.d).__rich_repr__()) == [("Time Partition (bound to)", "d")]
    p = Partitions({"a": "1", "b": Inputs.b, "c": Partition(None, name="c")})
    assert p.to_flyte_idl() == artifact_id_pb2.Partitions(
        value={
            "a": artifact_id_pb2.LabelValue(static_value="1"),
            "b": artifact_id_pb2.LabelValue(input_binding=artifact_id_pb2.InputBindingData(var="b")),
            "c": artifact_id_pb2.LabelValue(static_value=""),
        }
    )
    with pytest.raises(AttributeError, match="Partition z not found"):
        _ = p.z


def test_defaults_become_artifact_parameters() -> None:
    pinned = Artifact(name="m", project="p", domain="d", version="v1")

    @task
    def echo(x: int, s: str) -> int:
        return x

    @workflow
    def wf(
        x: int = Artifact(name="m").query(),  # type: ignore[assignment]
        s: str = Sales.query(region="eu", channel="web"),  # type: ignore[assignment]
    ) -> int:
        return echo(x=x, s=s)  # type: ignore[no-any-return]

    params = LaunchPlan.get_or_create(wf).parameters.parameters
    assert params["x"].artifact_query.artifact_id.artifact_key.name == "m"
    assert not params["x"].required
    assert params["s"].artifact_query.artifact_id.partitions.value["region"].static_value == "eu"
    lp = LaunchPlan.get_or_create(wf, name="test_artifacts_pinned", default_inputs={"x": pinned})
    assert lp.parameters.parameters["x"].artifact_id == pinned.concrete_artifact_id
    with pytest.raises(FlyteValidationException, match="Cannot use default query with artifact sales"):
        LaunchPlan.get_or_create(wf, name="test_artifacts_unbound", default_inputs={"s": Sales})
    with pytest.raises(ValueError, match="without name, project, domain, version"):
        _ = Sales.concrete_artifact_id
    # locally the query is just a value of the wrong type
    with pytest.raises(TypeError):
        wf()
    assert wf(x=3, s="a") == 3


def test_create_from_writes_run_time_partitions_into_the_output_metadata() -> None:
    @task
    def t(r: str) -> Annotated[str, Sales(channel="web")]:
        return Sales.create_from(f"v-{r}", region=r)

    ctx = FlyteContextManager.current_context()
    inputs = TypeEngine.dict_to_literal_map(ctx, {"r": "eu"}, {"r": str})
    untracked = t.dispatch_execute(ctx, inputs)
    assert isinstance(untracked, literals_pb2.LiteralMap) and not untracked.literals["o0"].metadata
    with FlyteContextManager.with_context(
        ctx.with_output_metadata_tracker(OutputMetadataTracker())
    ) as run_ctx:
        outputs = t.dispatch_execute(run_ctx, inputs)
    assert isinstance(outputs, literals_pb2.LiteralMap)
    ident = artifact_id_pb2.ArtifactID()
    ident.ParseFromString(base64.b64decode(outputs.literals["o0"].metadata["_uap"]))
    assert ident == artifact_id_pb2.ArtifactID(
        partitions=artifact_id_pb2.Partitions(value={"region": artifact_id_pb2.LabelValue(static_value="eu")})
    )
    assert t(r="x") == "v-x"
    assert Sales.create_from(5, region="x") == 5  # outside a task: nothing to record


def test_extra_metadata_items_are_stored_by_their_own_keys() -> None:
    class Card:
        def serialize_to_string(self, ctx: object, variable_name: str) -> tuple[str, str]:
            return f"card-{variable_name}", "hello"

    @task
    def t() -> Annotated[int, Sales(region="eu", channel="web")]:
        return Sales.create_from(12345, Card())

    ctx = FlyteContextManager.current_context()
    with FlyteContextManager.with_context(
        ctx.with_output_metadata_tracker(OutputMetadataTracker())
    ) as run_ctx:
        outputs = t.dispatch_execute(run_ctx, literals_pb2.LiteralMap())
    assert isinstance(outputs, literals_pb2.LiteralMap)
    assert dict(outputs.literals["o0"].metadata) == {"card-o0": "hello"}


def test_a_registered_serializer_replaces_the_default() -> None:
    class Upper(DefaultArtifactSerializationHandler):
        def artifact_query_to_idl(
            self, aq: ArtifactQuery, **kwargs: typing.Any
        ) -> artifact_id_pb2.ArtifactQuery:
            q = super().artifact_query_to_idl(aq, **kwargs)
            q.artifact_id.artifact_key.name = aq.name.upper()
            return q

    try:
        Serializer.register_serializer(Upper())
        assert Sales.query().to_flyte_idl().artifact_id.artifact_key.name == "SALES"
    finally:
        Serializer.register_serializer(DefaultArtifactSerializationHandler())


def test_pyflyte_execute_writes_the_run_time_partitions(tmp_path: Path) -> None:
    ctx = FlyteContextManager.current_context()
    (tmp_path / "inputs.pb").write_bytes(
        TypeEngine.dict_to_literal_map(ctx, {"site": "north"}, {"site": str}).SerializeToString()
    )
    args = [
        str(Path(sys.executable).parent / "pyflyte-execute"),
        "--inputs", str(tmp_path / "inputs.pb"),
        "--output-prefix", str(tmp_path / "out"),
        "--raw-output-data-prefix", str(tmp_path / "raw"),
        "--resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "--", "task-module", "runtime_flows.artifacts", "task-name", "measure",
    ]  # fmt: skip
    flows = Path(__file__).parent / "reference_flows"
    result = subprocess.run(args, cwd=flows, env=dict(os.environ), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString((tmp_path / "out" / "outputs.pb").read_bytes())
    assert outputs.literals["o0"].scalar.primitive.integer == 5000
    ident = artifact_id_pb2.ArtifactID()
    ident.ParseFromString(base64.b64decode(outputs.literals["o0"].metadata["_uap"]))
    assert ident.partitions.value["site"].static_value == "north"
    assert ident.time_partition.value.time_value.ToDatetime() == datetime.datetime(2024, 1, 2, 3, 4)


def test_remote_execution_inputs_refuse_artifact_objects() -> None:
    from flytekit.errors import FlyteValueException
    from flytekit.remote.executing import literal_inputs

    @task
    def t(x: int) -> int:
        return x

    with pytest.raises(FlyteValueException, match="running with an artifact object is not yet possible"):
        literal_inputs(t.interface, {"x": Artifact(name="m")}, {}, "task t")
    assert literal_inputs(t.interface, {"x": 3}, {}, "task t").literals["x"].scalar.primitive.integer == 3
