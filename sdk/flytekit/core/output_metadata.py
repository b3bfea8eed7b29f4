"""Metadata a task body attaches to the values it returns (``Artifact.create_from``).

A task execution carries one ``OutputMetadataTracker`` in its context. ``create_from`` records, for
the returned object, which artifact it publishes and the partition values only known at run time;
when the task's outputs become literals, the entry of each returned object is written into that
literal's ``metadata`` map (see ``flytekit.core.artifact_utils``). Objects are keyed by identity:
the same object returned twice carries the same metadata.
"""

from __future__ import annotations

import datetime
import typing
from dataclasses import dataclass, field

if typing.TYPE_CHECKING:
    from flytekit.core.artifact import Artifact
    from flytekit.core.context_manager import FlyteContext


class SerializableToString(typing.Protocol):
    """An extra item (a card, a note) stored as one ``key -> value`` entry of an output's metadata."""

    def serialize_to_string(self, ctx: FlyteContext, variable_name: str) -> tuple[str, str]: ...


@dataclass
class OutputMetadata:
    """What ``create_from`` learnt about one returned object."""

    artifact: Artifact
    dynamic_partitions: dict[str, str] | None
    time_partition: datetime.datetime | None = None
    additional_items: list[SerializableToString] | None = None


TaskOutputMetadata = dict[typing.Any, OutputMetadata]


@dataclass
class OutputMetadataTracker:
    """Output metadata of one task execution, keyed by the ``id`` of the returned object."""

    output_metadata: dict[typing.Any, OutputMetadata] = field(default_factory=dict)

    def add(self, obj: typing.Any, metadata: OutputMetadata) -> None:
        self.output_metadata[id(obj)] = metadata

    def get(self, obj: typing.Any) -> OutputMetadata | None:
        return self.output_metadata.get(id(obj))

    def with_params(self, output_metadata: TaskOutputMetadata | None = None) -> OutputMetadataTracker:
        """A copy, holding ``output_metadata`` instead when it is given (and not empty)."""
        return OutputMetadataTracker(output_metadata=output_metadata or self.output_metadata)
