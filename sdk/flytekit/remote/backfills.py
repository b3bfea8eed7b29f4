"""Backfill workflows: one launch plan node per schedule tick missed between two dates.

For a launch plan with a cron schedule, ``backfill_plan`` lists the ticks strictly between ``from_date``
and ``to_date`` (croniter; flytekit also stops at the first tick not before ``to_date``), and ``backfill_workflow`` builds the ``WorkflowSpec`` of a
workflow ``backfill-<launch plan name>`` whose nodes launch that launch plan once per tick, with the
schedule's kickoff-time input set to the tick. Nodes run one after the other (each depends on the
previous one) unless ``parallel``. The spec is registered and executed like any workflow.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from flyteidl.admin import workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flytekit.errors import FlyteAssertion
from flytekit.remote.entities import FlyteLaunchPlan

NODE_ID_PREFIX = "n"


@dataclass(frozen=True)
class BackfillPlan:
    """The ticks to run, in order, and the input that receives each tick (empty: none)."""

    launch_plan: FlyteLaunchPlan
    ticks: list[datetime.datetime]
    kickoff_input: str

    @property
    def start(self) -> datetime.datetime:
        return self.ticks[0]

    @property
    def end(self) -> datetime.datetime:
        return self.ticks[-1]


def cron_expression(launch_plan: FlyteLaunchPlan) -> tuple[str, str]:
    """The cron schedule of a launch plan and its kickoff-time input name; raises if unscheduled."""
    metadata = launch_plan.spec.entity_metadata
    if not metadata.HasField("schedule"):
        raise FlyteAssertion(
            f"Launch plan {launch_plan.name!r} version {launch_plan.version!r} has no schedule; "
            "only scheduled launch plans can be backfilled."
        )
    schedule = metadata.schedule
    kind = schedule.WhichOneof("ScheduleExpression")
    if kind == "cron_schedule":
        expression = schedule.cron_schedule.schedule
    elif kind == "cron_expression":
        expression = schedule.cron_expression
    else:
        raise FlyteAssertion(
            f"Launch plan {launch_plan.name!r} runs at a fixed rate; backfills follow cron schedules only."
        )
    return expression, schedule.kickoff_time_input_arg


def backfill_plan(
    launch_plan: FlyteLaunchPlan, from_date: datetime.datetime, to_date: datetime.datetime
) -> BackfillPlan:
    """The schedule ticks in (``from_date``, ``to_date``); raises when the window holds none."""
    from croniter import croniter

    if from_date >= to_date:
        raise FlyteAssertion(
            f"A backfill needs from_date before to_date; got {from_date.isoformat()} -> {to_date.isoformat()}."
        )
    expression, kickoff_input = cron_expression(launch_plan)
    ticks: list[datetime.datetime] = []
    cursor = croniter(expression, start_time=from_date, ret_type=datetime.datetime)
    while True:
        tick: datetime.datetime = cursor.get_next(datetime.datetime)
        if tick >= to_date:
            break
        ticks.append(tick)
    if not ticks:
        raise FlyteAssertion(
            f"No tick of {expression!r} falls between {from_date.isoformat()} and {to_date.isoformat()}; "
            "widen the window."
        )
    return BackfillPlan(launch_plan=launch_plan, ticks=ticks, kickoff_input=kickoff_input)


def _datetime_literal(value: datetime.datetime) -> literals_pb2.Literal:
    literal = literals_pb2.Literal()
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    literal.scalar.primitive.datetime.FromDatetime(value)
    return literal


def backfill_workflow(
    plan: BackfillPlan,
    workflow_id: identifier_pb2.Identifier,
    parallel: bool = False,
    fail_fast: bool = True,
    per_node_retries: int = 0,
    per_node_timeout: datetime.timedelta | None = None,
) -> workflow_pb2.WorkflowSpec:
    """The ``WorkflowSpec`` launching ``plan.launch_plan`` once per tick."""
    policy = (
        core_workflow_pb2.WorkflowMetadata.FAIL_IMMEDIATELY
        if fail_fast
        else core_workflow_pb2.WorkflowMetadata.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE
    )
    template = core_workflow_pb2.WorkflowTemplate(
        id=workflow_id,
        metadata=core_workflow_pb2.WorkflowMetadata(on_failure=policy),
        interface=interface_pb2.TypedInterface(
            inputs=interface_pb2.VariableMap(), outputs=interface_pb2.VariableMap()
        ),
        metadata_defaults=core_workflow_pb2.WorkflowMetadataDefaults(),
    )
    previous: str | None = None
    for index, tick in enumerate(plan.ticks):
        node = template.nodes.add(id=f"{NODE_ID_PREFIX}{index}")
        node.metadata.name = f"b-{tick}"
        node.metadata.retries.retries = per_node_retries
        node.metadata.interruptible = False
        if per_node_timeout is not None:
            node.metadata.timeout.FromTimedelta(per_node_timeout)
        node.workflow_node.launchplan_ref.CopyFrom(plan.launch_plan.id)
        if plan.kickoff_input:
            binding = node.inputs.add(var=plan.kickoff_input)
            binding.binding.scalar.CopyFrom(_datetime_literal(tick).scalar)
        if previous is not None and not parallel:
            node.upstream_node_ids.append(previous)
        previous = node.id
    return workflow_pb2.WorkflowSpec(template=template)


def describe(plan: BackfillPlan, spec: workflow_pb2.WorkflowSpec, parallel: bool) -> str:
    """A readable summary of a backfill workflow (what ``--dry-run`` prints)."""
    lp = plan.launch_plan.id
    mode = "in parallel" if parallel else "one after the other"
    lines = [
        f"Backfill workflow {spec.template.id.name} for launch plan {lp.name} version {lp.version}",
        f"{len(plan.ticks)} executions {mode}, from {plan.start} to {plan.end}"
        + (f" (input {plan.kickoff_input!r} set to each tick)" if plan.kickoff_input else ""),
    ]
    for node in spec.template.nodes:
        after = f" after {', '.join(node.upstream_node_ids)}" if node.upstream_node_ids else ""
        lines.append(f"  {node.id}: {node.metadata.name}{after}")
    return "\n".join(lines)
