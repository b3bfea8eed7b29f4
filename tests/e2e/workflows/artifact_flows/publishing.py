"""Workflows that publish artifacts and one that defaults an input to an artifact query."""

import datetime
from typing import Annotated

from flytekit import Artifact, LaunchPlan, task, workflow
from flytekit.core.artifact import Inputs

Scores = Artifact(name="scores", partition_keys=["team"], time_partitioned=True)


@task
def score(team: str, day: datetime.datetime) -> Annotated[int, Scores(team=Inputs.team)]:
    return Scores.create_from(len(team), time_partition=day)


@workflow
def publish(
    team: str, day: datetime.datetime
) -> Annotated[int, Scores(team=Inputs.team, time_partition=Inputs.day)]:
    return score(team=team, day=day)


@task
def double(n: int) -> int:
    return n * 2


@workflow
def consume(n: int) -> int:
    return double(n=n)


consume_latest = LaunchPlan.get_or_create(
    consume, name="artifact_flows.publishing.consume_latest", default_inputs={"n": Scores.query(team="red")}
)
