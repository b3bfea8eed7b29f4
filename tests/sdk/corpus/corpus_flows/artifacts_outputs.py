"""Artifacts: outputs published as named artifacts (static, input-bound and runtime partitions), and
artifact queries as workflow and launch-plan defaults.

Locally, annotated outputs run like plain ones; an unresolved query default cannot be run locally.
The serialized interfaces (``artifact_partial_id``) and parameters (``artifact_query``) are compared
with the reference by ``pyflyte package``.
"""

import base64
import datetime
import typing

from google.protobuf import json_format
from typing_extensions import Annotated

from flyteidl.core import artifact_id_pb2
from flytekit import Artifact, FlyteContextManager, LaunchPlan, map_task, task, workflow
from flytekit.core.artifact import ArtifactQuery, Granularity, Inputs, Partitions, TimePartition
from flytekit.core.context_manager import OutputMetadataTracker
from flytekit.core.type_engine import TypeEngine

Model = Artifact(name="trained_model")
Pricing = Artifact(name="pricing", partition_keys=["region"])
Daily = Artifact(name="daily_report", time_partitioned=True)
Hourly = Artifact(
    name="hourly_metrics",
    project="flytesnacks",
    domain="development",
    time_partitioned=True,
    time_partition_granularity=Granularity.HOUR,
    partition_keys=["source", "kind"],
)
Versioned = Artifact(name="pinned_model", project="flytesnacks", domain="development", version="v42")

START = datetime.datetime(2024, 3, 5, 12, 30, tzinfo=datetime.UTC)


@task
def train(n: int) -> Annotated[int, Model]:
    return n * 2


@task
def price(region: str, amount: float) -> Annotated[float, Pricing(region=Inputs.region)]:
    return amount * 1.5


@task
def price_static() -> Annotated[str, Pricing(region="emea")]:
    return "static"


@task
def price_runtime(r: str) -> Annotated[str, Pricing]:
    return Pricing.create_from(f"priced in {r}", region=r)


@task
def report(dt: datetime.datetime, text: str) -> Annotated[str, Daily(time_partition=Inputs.dt)]:
    return f"{dt.date()}:{text}"


@task
def metrics(dt: datetime.datetime) -> Annotated[int, Hourly(time_partition=Inputs.dt, source="web")]:
    return Hourly.create_from(dt.hour, kind="clicks")


@task
def stamp(text: str) -> Annotated[str, Hourly]:
    return Hourly.create_from(text, time_partition=START, source="api", kind=7)


@task
def two_outputs(x: int) -> typing.Tuple[Annotated[int, Model], Annotated[str, Pricing(region="apac")]]:
    return x + 1, str(x)


@workflow
def publish_wf(region: str, amount: float = 2.0) -> Annotated[float, Pricing(region=Inputs.region)]:
    return price(region=region, amount=amount)


@workflow
def report_wf(dt: datetime.datetime, text: str = "ok") -> Annotated[str, Daily(time_partition=Inputs.dt)]:
    return report(dt=dt, text=text)


@workflow
def chain_wf(n: int = 3) -> typing.Tuple[int, str, int]:
    m = train(n=n)
    s = price_runtime(r="us")
    h = metrics(dt=START)
    return m, s, h


@workflow
def mapped_wf(ns: typing.List[int]) -> typing.List[int]:
    return map_task(train)(n=ns)


@workflow
def sub_publisher(region: str) -> typing.Tuple[float, str]:
    p = publish_wf(region=region, amount=4.0)
    return p, price_static()


@task
def consume(x: int) -> int:
    return x + 100


@workflow
def consumer_wf(x: int = Model.query()) -> int:
    return consume(x=x)


@task
def describe(p: float, region: str) -> str:
    return f"{region}={p}"


@workflow
def pricing_consumer(region: str, p: float = Pricing.query(region=Inputs.region)) -> str:
    return describe(p=p, region=region)


@task
def daily_len(s: str) -> int:
    return len(s)


@workflow
def daily_consumer(dt: datetime.datetime, s: str = Daily.query(time_partition=Inputs.dt)) -> int:
    return daily_len(s=s)


@workflow
def plain_consumer(x: int) -> int:
    return consume(x=x)


query_lp = LaunchPlan.get_or_create(
    plain_consumer, name="artifacts_query_lp", default_inputs={"x": Model.query(project="p1", domain="d1")}
)
pinned_lp = LaunchPlan.get_or_create(
    plain_consumer, name="artifacts_pinned_lp", default_inputs={"x": Versioned}
)
hourly_lp = LaunchPlan.get_or_create(
    daily_consumer,
    name="artifacts_hourly_lp",
    default_inputs={"s": Daily.query(time_partition=START)},
)
static_query_lp = LaunchPlan.get_or_create(
    pricing_consumer, name="artifacts_static_query_lp", default_inputs={"p": Pricing.query(region="emea")}
)
consumer_default_lp = LaunchPlan.get_or_create(consumer_wf)


def _json(message: typing.Any) -> typing.Any:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def _idl(value: typing.Any) -> typing.Any:
    # flytekit's model wrappers and plain protobuf messages alike
    return _json(value.to_flyte_idl() if hasattr(value, "to_flyte_idl") else value)


def _output_var(entity: typing.Any, name: str = "o0") -> typing.Any:
    outputs = entity.interface.outputs
    return _idl(outputs.variables[name] if hasattr(outputs, "variables") else outputs[name])


def _lp_param(lp: typing.Any, name: str) -> typing.Any:
    return _idl(lp.parameters.parameters[name])


def _unbound_workflow_output() -> str:
    @workflow
    def wf(x: int) -> Annotated[int, Pricing]:
        return consume(x=x)

    return wf.name


def _input_missing_in_interface() -> str:
    @task
    def t(x: int) -> Annotated[int, Pricing(region=Inputs.nope)]:
        return x

    return t.name


def _subworkflow_query_default() -> str:
    # a subworkflow's omitted input is bound to its default: a query is no value
    @workflow
    def outer() -> int:
        return consumer_wf()

    outer.compile()
    return outer.name


def _lp_node_query_default() -> typing.Any:
    @workflow
    def outer(x: int) -> typing.Tuple[int, int]:
        return consumer_default_lp(), query_lp(x=x)

    return outer(x=4)


def _lp_node_query_compile() -> str:
    @workflow
    def outer_lp() -> int:
        return query_lp()

    outer_lp.compile()
    return outer_lp.name


def _bad_key() -> typing.Any:
    return Pricing(country="x")


def _positional() -> typing.Any:
    return Pricing("x")


def _too_many_keys() -> typing.Any:
    return Artifact(name="big", partition_keys=[f"k{i}" for i in range(11)])


def _no_name() -> typing.Any:
    return Artifact(project="p")


def _time_on_untimed() -> typing.Any:
    return Pricing(time_partition=START)


def _query_conflict() -> typing.Any:
    clash = Artifact(name="clash", partition_keys=["project"])
    return clash.query(project="x")


def _query_both() -> typing.Any:
    return Pricing.query(partitions={"region": "a"}, region="b")


def _unbound_query_default() -> str:
    @workflow
    def wf(x: float = Pricing) -> float:  # type: ignore[assignment]
        return x

    return str(LaunchPlan.get_or_create(wf).parameters)


def _query_summary(q: ArtifactQuery) -> typing.Any:
    return {
        "str": str(q),
        "bound": q.bound,
        "name": q.name,
        "project": q.project,
        "domain": q.domain,
        "idl": _json(q.to_flyte_idl()),
    }


def _time_arith() -> typing.Any:
    tp = Daily.time_partition - datetime.timedelta(days=1)
    later = TimePartition(START) + datetime.timedelta(hours=2)
    return {
        "op": int(tp.op),
        "other": tp.other,
        "ref": tp.reference_artifact is Daily,
        "later_op": int(later.op),
        "later": _json(later.to_flyte_idl()),
    }


def _partitions_obj() -> typing.Any:
    p = Partitions({"region": "us", "bound": Inputs.b})
    return {"idl": _json(p.to_flyte_idl()), "region": _json(p.region.value)}


def _spec_repr() -> typing.Any:
    spec = Pricing(region=Inputs.region)
    return {"partial": _json(spec.to_partial_artifact_id()), "artifact": spec.artifact is Pricing}


def _output_metadata(entity: typing.Any, tracked: bool = True, **inputs: typing.Any) -> typing.Any:
    """The metadata of each output literal when the task runs as it does in its container."""
    ctx = FlyteContextManager.current_context()
    builder = ctx.with_output_metadata_tracker(OutputMetadataTracker()) if tracked else ctx.new_builder()
    with FlyteContextManager.with_context(builder) as run_ctx:
        literal_map = TypeEngine.dict_to_literal_map(run_ctx, inputs, entity.python_interface.inputs)
        outputs = entity.dispatch_execute(run_ctx, literal_map)
    return {name: _decoded(dict(literal.metadata or {})) for name, literal in outputs.literals.items()}


def _decoded(metadata: typing.Dict[str, str]) -> typing.Any:
    # The run-time partitions are a serialized ArtifactID; its map order varies from process to process.
    if "_uap" in metadata:
        artifact_id = artifact_id_pb2.ArtifactID()
        artifact_id.ParseFromString(base64.b64decode(metadata["_uap"]))
        metadata["_uap"] = _json(artifact_id)
    return metadata


CASES = {
    "metadata_runtime": lambda: _output_metadata(price_runtime, r="eu"),
    "metadata_runtime_untracked": lambda: _output_metadata(price_runtime, tracked=False, r="eu"),
    "metadata_time": lambda: _output_metadata(metrics, dt=START),
    "metadata_stamp": lambda: _output_metadata(stamp, text="t"),
    "stamp_local": lambda: stamp(text="t"),
    "var_stamp": lambda: _output_var(stamp),
    "metadata_static": lambda: _output_metadata(price_static),
    "train_local": lambda: train(n=4),
    "price_local": lambda: price(region="us", amount=2.0),
    "price_static_local": lambda: price_static(),
    "price_runtime_local": lambda: price_runtime(r="eu"),
    "report_local": lambda: report(dt=START, text="hi"),
    "metrics_local": lambda: metrics(dt=START),
    "two_outputs_local": lambda: two_outputs(x=5),
    "publish_wf_local": lambda: publish_wf(region="us"),
    "subworkflow_query_default": _subworkflow_query_default,
    "lp_node_query_default": _lp_node_query_default,
    "lp_node_query_compile": _lp_node_query_compile,
    "mapped_wf_local": lambda: mapped_wf(ns=[1, 2, 3]),
    "sub_publisher_local": lambda: sub_publisher(region="eu"),
    "report_wf_local": lambda: report_wf(dt=START),
    "chain_wf_local": lambda: chain_wf(),
    "consumer_wf_given": lambda: consumer_wf(x=1),
    "consumer_wf_default": lambda: consumer_wf(),
    "pricing_consumer_default": lambda: pricing_consumer(region="us"),
    "query_lp_given": lambda: query_lp(x=2),
    "query_lp_default": lambda: query_lp(),
    "pinned_lp_default": lambda: pinned_lp(),
    "create_from_outside": lambda: Pricing.create_from(5, region="x"),
    "var_train": lambda: _output_var(train),
    "var_price": lambda: _output_var(price),
    "var_price_static": lambda: _output_var(price_static),
    "var_price_runtime": lambda: _output_var(price_runtime),
    "var_report": lambda: _output_var(report),
    "var_metrics": lambda: _output_var(metrics),
    "var_two_outputs": lambda: [_output_var(two_outputs, "o0"), _output_var(two_outputs, "o1")],
    "var_publish_wf": lambda: _output_var(publish_wf),
    "param_consumer_wf": lambda: _lp_param(consumer_default_lp, "x"),
    "param_query_lp": lambda: _lp_param(query_lp, "x"),
    "param_pinned_lp": lambda: _lp_param(pinned_lp, "x"),
    "param_hourly_lp": lambda: _lp_param(hourly_lp, "s"),
    "unbound_workflow_output": _unbound_workflow_output,
    "input_missing_in_interface": _input_missing_in_interface,
    "bad_key": _bad_key,
    "positional": _positional,
    "too_many_keys": _too_many_keys,
    "no_name": _no_name,
    "time_on_untimed": _time_on_untimed,
    "query_conflict": _query_conflict,
    "query_both": _query_both,
    "unbound_query_default": _unbound_query_default,
    "query_model": lambda: _query_summary(Model.query()),
    "query_pricing_unbound": lambda: _query_summary(Pricing.query()),
    "query_pricing_input": lambda: _query_summary(Pricing.query(region=Inputs.region)),
    "query_hourly": lambda: _query_summary(Hourly.query(source="a", kind="b", time_partition=START)),
    "query_daily_unbound": lambda: _query_summary(Daily.query()),
    "artifact_id_hourly": lambda: _json(Hourly.to_id_idl()),
    "artifact_id_versioned": lambda: _json(Versioned.concrete_artifact_id),
    "artifact_id_unversioned": lambda: _json(Model.concrete_artifact_id),
    "embed_as_query": lambda: _json(Daily.embed_as_query(bind_to_time_partition=True, expr="-1d")),
    "time_arith": _time_arith,
    "partitions_obj": _partitions_obj,
    "spec_repr": _spec_repr,
    "str_versioned": lambda: str(Versioned),
    "daily_granularity": lambda: int(Daily.time_partition.granularity),
}
