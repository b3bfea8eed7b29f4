"""A task publishing an artifact with run-time partitions, for the pyflyte-execute test."""

import datetime
from typing import Annotated

from flytekit import Artifact, task

Readings = Artifact(name="readings", time_partitioned=True, partition_keys=["site"])


@task
def measure(site: str) -> Annotated[int, Readings]:
    when = datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.UTC)
    return Readings.create_from(len(site) * 1000, site=site, time_partition=when)
