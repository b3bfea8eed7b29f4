"""The partition side of artifacts: input bindings, the time partition and named partitions.

``Inputs.<name>`` stands for "the value of input <name>" when an artifact's partition is bound
(``MyArtifact(region=Inputs.region)``). A ``TimePartition`` holds a ``LabelValue`` (a time, an
input binding, the run-time sentinel or nothing yet), a granularity and, after ``+``/``-`` with a
``timedelta``, an operator and offset (client-side only: the IDL form carries value and
granularity). ``Partitions`` maps keys to ``Partition`` values; a partition taken from an
artifact (``Other.partitions.region``) remembers that artifact, so a query built from it knows it
depends on ``Other``. Serialization goes through ``flytekit.core.artifact_serialization``.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Iterator, Mapping

from google.protobuf.timestamp_pb2 import Timestamp

from flyteidl.core import artifact_id_pb2
from flyteidl.core.artifact_id_pb2 import Granularity
from flyteidl.core.artifact_id_pb2 import Operator as Op

if typing.TYPE_CHECKING:
    from flytekit.core.artifact import Artifact

LabelValue = artifact_id_pb2.LabelValue
InputBindingData = artifact_id_pb2.InputBindingData


def time_label(value: datetime.datetime) -> artifact_id_pb2.LabelValue:
    """The ``LabelValue`` of a point in time."""
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return LabelValue(time_value=stamp)


class InputsBase:
    """Any attribute names an input: ``Inputs.region`` is a binding to the input called ``region``."""

    def __getattr__(self, name: str) -> artifact_id_pb2.InputBindingData:
        return InputBindingData(var=name)


Inputs = InputsBase()


class TimePartition:
    """The time partition of an artifact, or of a query on one."""

    def __init__(
        self,
        value: artifact_id_pb2.LabelValue | artifact_id_pb2.InputBindingData | str | datetime.datetime | None,
        op: int | None = None,
        other: datetime.timedelta | None = None,
        granularity: int = Granularity.DAY,
    ) -> None:
        if isinstance(value, str):
            raise ValueError(f"value to a time partition shouldn't be a str {value}")
        if isinstance(value, datetime.datetime):
            value = time_label(value)
        elif isinstance(value, InputBindingData):
            value = LabelValue(input_binding=value)
        self.value: artifact_id_pb2.LabelValue | None = value
        self.op = op
        self.other = other
        self.reference_artifact: Artifact | None = None
        self.granularity = granularity

    def __rich_repr__(self) -> Iterator[tuple[str, str]]:
        label = "Time Partition"
        shown = "unspecified"
        if self.value and isinstance(self.value, LabelValue):
            if self.value.HasField("time_value"):
                shown = str(self.value.time_value.ToDatetime())
            elif self.value.HasField("input_binding"):
                label, shown = "Time Partition (bound to)", self.value.input_binding.var
        yield label, shown

    def _repr_html_(self) -> str:
        return "".join(str(item) for item in self.__rich_repr__())

    def _shifted(self, op: int, delta: datetime.timedelta) -> TimePartition:
        shifted = TimePartition(self.value, op=op, other=delta, granularity=self.granularity)
        shifted.reference_artifact = self.reference_artifact
        return shifted

    def __add__(self, other: datetime.timedelta) -> TimePartition:
        return self._shifted(Op.PLUS, other)

    def __sub__(self, other: datetime.timedelta) -> TimePartition:
        return self._shifted(Op.MINUS, other)

    def to_flyte_idl(self, **kwargs: typing.Any) -> artifact_id_pb2.TimePartition | None:
        from flytekit.core.artifact_serialization import Serializer

        return Serializer.time_partition_to_idl(self, **kwargs)


class Partition:
    """One named partition value (``None`` while only the key is declared)."""

    def __init__(self, value: artifact_id_pb2.LabelValue | None, name: str) -> None:
        self.name = name
        self.value = value
        self.reference_artifact: Artifact | None = None

    def __rich_repr__(self) -> Iterator[tuple[str, artifact_id_pb2.LabelValue | None]]:
        yield self.name, self.value

    def _repr_html_(self) -> str:
        return "".join(f"{key}: {value}" for key, value in self.__rich_repr__())


def _as_partition(key: str, value: str | artifact_id_pb2.InputBindingData | Partition) -> Partition:
    if isinstance(value, Partition):
        return value
    if isinstance(value, InputBindingData):
        return Partition(LabelValue(input_binding=value), name=key)
    return Partition(LabelValue(static_value=value), name=key)


class Partitions:
    """Named partitions; a key reads as an attribute (``partitions.region``)."""

    def __init__(
        self, partitions: Mapping[str, str | artifact_id_pb2.InputBindingData | Partition] | None
    ) -> None:
        self._partitions: dict[str, Partition] = {
            key: _as_partition(key, value) for key, value in (partitions or {}).items()
        }
        self.reference_artifact: Artifact | None = None

    def __rich_repr__(self) -> Iterator[typing.Any]:
        if self.partitions:
            shown = [str(next(p.__rich_repr__())) for p in self.partitions.values()]
            yield "Partitions", ", ".join(shown)
        else:
            yield ""

    def _repr_html_(self) -> str:
        return ", ".join(str(item) for item in self.__rich_repr__())

    @property
    def partitions(self) -> dict[str, Partition] | None:
        return self._partitions

    def set_reference_artifact(self, artifact: Artifact) -> None:
        """Mark this object and each of its partitions as coming from ``artifact``."""
        self.reference_artifact = artifact
        for partition in (self.partitions or {}).values():
            partition.reference_artifact = artifact

    def __getattr__(self, item: str) -> Partition:
        # Reached only for names that are not regular attributes; during unpickling or copying
        # ``_partitions`` itself may not exist yet.
        if item in ("partitions", "_partitions"):
            raise AttributeError("Partitions in an uninitialized state, skipping partitions")
        if self.partitions and item in self.partitions:
            return self.partitions[item]
        raise AttributeError(f"Partition {item} not found in {self}")

    def to_flyte_idl(self, **kwargs: typing.Any) -> artifact_id_pb2.Partitions | None:
        from flytekit.core.artifact_serialization import Serializer

        return Serializer.partitions_to_idl(self, **kwargs)
