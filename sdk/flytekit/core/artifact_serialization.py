"""How artifact declarations become ``flyteidl.core`` artifact messages, behind a swappable handler.

``Serializer`` is the one entry point (``Serializer.partitions_to_idl`` ...); it forwards to the
registered ``ArtifactSerializationHandler``, by default ``DefaultArtifactSerializationHandler``.
An artifact service with richer queries registers its own handler with
``Serializer.register_serializer``.

The default handler writes a declared-but-unvalued partition as an empty static value (the shape
an output's ``artifact_partial_id`` uses for "this key exists"), a time partition as its value and
granularity (an offset from ``+``/``-`` stays client-side), and a query as an ``ArtifactID`` of
key, partitions and time partition, never a version.
"""

from __future__ import annotations

import typing

from flyteidl.core import artifact_id_pb2

if typing.TYPE_CHECKING:
    from flytekit.core.artifact import ArtifactQuery
    from flytekit.core.artifact_partitions import Partitions, TimePartition


class ArtifactSerializationHandler(typing.Protocol):
    """Turns partitions, time partitions and queries into their IDL messages."""

    def partitions_to_idl(
        self, p: Partitions | None, **kwargs: typing.Any
    ) -> artifact_id_pb2.Partitions | None: ...

    def time_partition_to_idl(
        self, tp: TimePartition | None, **kwargs: typing.Any
    ) -> artifact_id_pb2.TimePartition | None: ...

    def artifact_query_to_idl(
        self, aq: ArtifactQuery, **kwargs: typing.Any
    ) -> artifact_id_pb2.ArtifactQuery: ...


class DefaultArtifactSerializationHandler(ArtifactSerializationHandler):
    """The open-source serialization; see the module docstring."""

    def partitions_to_idl(
        self, p: Partitions | None, **kwargs: typing.Any
    ) -> artifact_id_pb2.Partitions | None:
        if not (p and p.partitions):
            return None
        values = {
            key: artifact_id_pb2.LabelValue(static_value="") if part.value is None else part.value
            for key, part in p.partitions.items()
        }
        return artifact_id_pb2.Partitions(value=values)

    def time_partition_to_idl(
        self, tp: TimePartition | None, **kwargs: typing.Any
    ) -> artifact_id_pb2.TimePartition | None:
        if not tp:
            return None
        return artifact_id_pb2.TimePartition(value=tp.value, granularity=tp.granularity)  # type: ignore[arg-type]

    def artifact_query_to_idl(self, aq: ArtifactQuery, **kwargs: typing.Any) -> artifact_id_pb2.ArtifactQuery:
        key = artifact_id_pb2.ArtifactKey(name=aq.name, project=aq.project, domain=aq.domain)
        artifact_id = artifact_id_pb2.ArtifactID(
            artifact_key=key,
            partitions=self.partitions_to_idl(aq.partitions),
            time_partition=self.time_partition_to_idl(aq.time_partition),
        )
        return artifact_id_pb2.ArtifactQuery(artifact_id=artifact_id)


class Serializer:
    """Process-wide access to the registered handler."""

    serializer: ArtifactSerializationHandler = DefaultArtifactSerializationHandler()

    @classmethod
    def register_serializer(cls, serializer: ArtifactSerializationHandler) -> None:
        cls.serializer = serializer

    @classmethod
    def partitions_to_idl(
        cls, p: Partitions | None, **kwargs: typing.Any
    ) -> artifact_id_pb2.Partitions | None:
        return cls.serializer.partitions_to_idl(p, **kwargs)

    @classmethod
    def time_partition_to_idl(
        cls, tp: TimePartition | None, **kwargs: typing.Any
    ) -> artifact_id_pb2.TimePartition | None:
        return cls.serializer.time_partition_to_idl(tp, **kwargs)

    @classmethod
    def artifact_query_to_idl(cls, aq: ArtifactQuery, **kwargs: typing.Any) -> artifact_id_pb2.ArtifactQuery:
        return cls.serializer.artifact_query_to_idl(aq, **kwargs)
