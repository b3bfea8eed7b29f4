"""Small converters from run-time partition values to ``flyteidl.core`` artifact messages.

Used when a task's outputs become literals: the partition values a task set with
``Artifact.create_from`` travel in the output literal's metadata as an ``ArtifactID``
(``output_literal_metadata``).
"""

from __future__ import annotations

import base64
import datetime
import typing

from flyteidl.core import artifact_id_pb2
from flytekit.core.artifact_partitions import time_label

if typing.TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext
    from flytekit.core.output_metadata import OutputMetadata


def idl_partitions_from_dict(p: dict[str, str] | None = None) -> artifact_id_pb2.Partitions | None:
    """Static partitions of ``p`` (None when there are none)."""
    if not p:
        return None
    return artifact_id_pb2.Partitions(
        value={k: artifact_id_pb2.LabelValue(static_value=v) for k, v in p.items()}
    )


def idl_time_partition_from_datetime(
    tp: datetime.datetime | None = None, time_partition_granularity: int | None = None
) -> artifact_id_pb2.TimePartition | None:
    """The time partition at ``tp`` (None without a time)."""
    if not tp:
        return None
    return artifact_id_pb2.TimePartition(
        value=time_label(tp),
        granularity=time_partition_granularity,  # type: ignore[arg-type]
    )


DYNAMIC_PARTITIONS = "_uap"  # literal-metadata key of the run-time partition values


def output_literal_metadata(
    ctx: FlyteContext, metadata: OutputMetadata, variable_name: str
) -> dict[str, str]:
    """The literal metadata of output ``variable_name`` that ``create_from`` described: one entry
    per extra item, and the run-time partitions as a base64 ``ArtifactID`` under ``_uap``."""
    entries: dict[str, str] = {}
    for item in metadata.additional_items or []:
        key, value = item.serialize_to_string(ctx, variable_name)
        entries[key] = value
    if metadata.dynamic_partitions or metadata.time_partition:
        artifact_id = artifact_id_pb2.ArtifactID(
            partitions=idl_partitions_from_dict(metadata.dynamic_partitions),
            time_partition=idl_time_partition_from_datetime(
                metadata.time_partition, metadata.artifact.time_partition_granularity
            ),
        )
        entries[DYNAMIC_PARTITIONS] = base64.b64encode(artifact_id.SerializeToString()).decode("utf-8")
    return entries
