"""Artifacts: named, optionally partitioned data that tasks and workflows publish and consume.

An ``Artifact`` is a declaration (name, optional project/domain/version, partition keys, whether
it is time partitioned and at which ``Granularity``). It is used in three ways:

- as an output annotation, ``-> Annotated[T, MyData]`` or with partition values bound
  ``-> Annotated[T, MyData(region=Inputs.region, time_partition=Inputs.dt)]`` (calling an artifact
  gives an ``ArtifactIDSpecification``). The output's ``Variable.artifact_partial_id`` records it;
  partitions left unbound are filled at run time, which tasks may do and workflows may not;
- from a task body, ``return MyData.create_from(value, region="x")`` sets run-time partition values
  (written into the output literal's metadata);
- as an input default, ``x: T = MyData.query(region="us")`` (an ``ArtifactQuery``) or a versioned
  ``Artifact`` itself: the launch-plan parameter carries ``artifact_query`` / ``artifact_id`` for an
  artifact service to resolve at launch. Run locally, such a default is just a wrong-typed value.

Serialization of partitions and queries goes through ``flytekit.core.artifact_serialization``.
"""

from __future__ import annotations

import datetime
import logging
import typing

from flyteidl.core import artifact_id_pb2
from flyteidl.core.artifact_id_pb2 import Granularity
from flyteidl.core.artifact_id_pb2 import Operator as Op
from flytekit.core.artifact_partitions import (
    Inputs,
    InputsBase,
    Partition,
    Partitions,
    TimePartition,
    time_label,
)
from flytekit.core.artifact_serialization import (
    ArtifactSerializationHandler,
    DefaultArtifactSerializationHandler,
    Serializer,
)
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.output_metadata import OutputMetadata, SerializableToString
from flytekit.core.sentinel import DYNAMIC_INPUT_BINDING

__all__ = [
    "DYNAMIC_INPUT_BINDING",
    "MAX_PARTITIONS",
    "TIME_PARTITION_KWARG",
    "Artifact",
    "ArtifactIDSpecification",
    "ArtifactQuery",
    "ArtifactSerializationHandler",
    "DefaultArtifactSerializationHandler",
    "Granularity",
    "Inputs",
    "InputsBase",
    "O",
    "Op",
    "OutputMetadata",
    "Partition",
    "Partitions",
    "SerializableToString",
    "Serializer",
    "TimePartition",
]

logger = logging.getLogger("flytekit")

TIME_PARTITION_KWARG = "time_partition"
MAX_PARTITIONS = 10

O = typing.TypeVar("O")  # noqa: E741  (flytekit's name for "the user's output")

_QUERY_ARGUMENTS = frozenset({"project", "domain", "time_partition", "partitions", "tag"})


def _bound_label(what: str, value: typing.Any) -> artifact_id_pb2.LabelValue:
    """A partition value given when binding: an input binding or a static string."""
    if isinstance(value, artifact_id_pb2.InputBindingData):
        return artifact_id_pb2.LabelValue(input_binding=value)
    if isinstance(value, str):
        return artifact_id_pb2.LabelValue(static_value=value)
    raise ValueError(f"{what} needs to be input binding data or static string, not {value}")


class ArtifactIDSpecification:
    """An artifact with (some of) its partition values bound, as an output annotation carries it.

    Binding is by keyword only. ``time_partition`` takes a datetime or ``Inputs.<name>``; other
    keywords name partition keys and take a string or ``Inputs.<name>``. What stays unbound is
    left to run time (``DYNAMIC_INPUT_BINDING``).
    """

    def __init__(self, a: Artifact) -> None:
        self.artifact = a
        self.partitions: Partitions | None = None
        self.time_partition: TimePartition | None = None

    def __call__(self, *args: typing.Any, **kwargs: typing.Any) -> ArtifactIDSpecification:
        return self.bind_partitions(*args, **kwargs)

    def bind_partitions(self, *args: typing.Any, **kwargs: typing.Any) -> ArtifactIDSpecification:
        if args:
            raise ValueError("Cannot set partition values by position")
        artifact = self.artifact
        if TIME_PARTITION_KWARG in kwargs:
            if not artifact.time_partitioned:
                raise ValueError("Cannot bind time partition to non-time partitioned artifact")
            given = kwargs.pop(TIME_PARTITION_KWARG)
            if isinstance(given, datetime.datetime):
                label = time_label(given)
            elif isinstance(given, artifact_id_pb2.InputBindingData):
                label = artifact_id_pb2.LabelValue(input_binding=given)
            else:
                raise ValueError(
                    f"Time partition needs to be input binding data or static string, not {given}"
                )
            self.time_partition = TimePartition(
                value=label, granularity=artifact.time_partition_granularity or Granularity.DAY
            )
        elif artifact.time_partitioned and self.time_partition is None:
            logger.debug("Time partition not bound for %s, setting to dynamic binding.", artifact.name)
            self.time_partition = TimePartition(value=DYNAMIC_INPUT_BINDING)

        if artifact.partition_keys:
            partitions = self.partitions or Partitions(None)
            bound = partitions.partitions
            assert bound is not None
            for key, value in kwargs.items():
                if key not in artifact.partition_keys:
                    raise ValueError(f"Partition key {key} not found in {artifact.partition_keys}")
                bound[key] = Partition(_bound_label(f"Partition key {key}", value), name=key)
            for key in artifact.partition_keys:
                if key not in bound:
                    logger.debug(
                        "Partition %s not bound for %s, setting to dynamic binding.", key, artifact.name
                    )
                    bound[key] = Partition(value=DYNAMIC_INPUT_BINDING, name=key)
            self.partitions = partitions
        return self

    def to_partial_artifact_id(self) -> artifact_id_pb2.ArtifactID:
        """The ``artifact_partial_id`` of an output annotated with this specification."""
        declared = self.artifact.to_id_idl()
        partitions = Serializer.partitions_to_idl(self.partitions)
        time_partition = None
        if self.artifact.time_partitioned:
            if not self.time_partition:
                raise ValueError(
                    f"Artifact {declared.artifact_key} requires a time partition, but it hasn't been bound."
                )
            time_partition = self.time_partition.to_flyte_idl()
        if self.artifact.partition_keys:
            required = len(self.artifact.partition_keys)
            fulfilled = len(partitions.value) if partitions else 0
            if required != fulfilled:
                raise ValueError(
                    f"Artifact {declared.artifact_key} requires {required} partitions, but only {fulfilled} are "
                    "bound."
                )
        return artifact_id_pb2.ArtifactID(
            artifact_key=declared.artifact_key,
            partitions=partitions,
            time_partition=time_partition,
            # a version pins the id to one artifact; declarations rarely have one
            version=declared.version,
        )

    def __repr__(self) -> str:
        a = self.artifact
        return f"ArtifactIDSpecification({a.name}, {a.partition_keys}, TP: {a.time_partitioned})"


class ArtifactQuery:
    """A query for an artifact by name, optional project/domain, time partition and partitions.

    Partition values may come from another artifact (``Other.partitions.region``,
    ``Other.time_partition``); that artifact is then the query's ``binding`` (at most one).
    """

    def __init__(
        self,
        artifact: Artifact,
        name: str,
        project: str | None = None,
        domain: str | None = None,
        time_partition: TimePartition | None = None,
        partitions: Partitions | None = None,
        tag: str | None = None,
    ) -> None:
        if not name:
            raise ValueError("Cannot create query without name")
        self.artifact = artifact
        others: list[Artifact] = []
        if (
            time_partition
            and time_partition.reference_artifact
            and time_partition.reference_artifact is not artifact
        ):
            others.append(time_partition.reference_artifact)
        if partitions and partitions.partitions:
            for p in partitions.partitions.values():
                if p.reference_artifact and p.reference_artifact is not artifact:
                    others.append(p.reference_artifact)
        self.name = name
        self.project = project
        self.domain = domain
        self.time_partition = time_partition
        self.partitions = partitions
        self.tag = tag
        if others and len(set(others)) > 1:
            raise ValueError(f"Multiple bindings found in query {self}")
        self.binding: Artifact | None = others[0] if others else None

    @property
    def bound(self) -> bool:
        """Whether every partition of the artifact (and its time partition) has a value in the query."""
        if self.artifact.time_partitioned and not (self.time_partition and self.time_partition.value):
            return False
        if self.artifact.partition_keys:
            wanted = set(self.artifact.partition_keys)
            given: set[str] = set()
            if self.partitions and self.partitions.partitions:
                given = {k for k, p in self.partitions.partitions.items() if p.value}
            if wanted != given:
                logger.error("Query on %s missing query params %s", self.artifact.name, wanted - given)
                return False
        return True

    def to_flyte_idl(self, **kwargs: typing.Any) -> artifact_id_pb2.ArtifactQuery:
        return Serializer.artifact_query_to_idl(self, **kwargs)

    def get_time_partition_str(self, **kwargs: typing.Any) -> str:
        """How the time partition is chosen; an input binding must name one of ``kwargs``."""
        if not self.time_partition:
            return ""
        value = self.time_partition.value
        assert value is not None
        if value.HasField("time_value"):
            return f" Time partition: {value.time_value.ToDatetime()}"
        if value.HasField("input_binding"):
            var = value.input_binding.var
            if var not in kwargs:
                raise ValueError(f"Time partition input binding {var} not found in kwargs")
            return f" Time partition from input<{var}>,"
        return ""

    def get_partition_str(self, **kwargs: typing.Any) -> str:
        """How each partition is chosen; an input binding must name one of ``kwargs``."""
        if not (self.partitions and self.partitions.partitions):
            return ""
        text = " Partitions: "
        for key, p in self.partitions.partitions.items():
            if p.value and p.value.HasField("static_value"):
                text += f"{key}={p.value.static_value}, "
            elif p.value and p.value.HasField("input_binding"):
                var = p.value.input_binding.var
                if var not in kwargs:
                    raise ValueError(f"Partition input binding {var} not found in kwargs")
                text += f"{key} from input<{var}>, "
        return text.rstrip("\n\r, ")

    def get_str(self, **kwargs: typing.Any) -> str:
        """A description of the query for the inputs ``kwargs`` of a run."""
        return f"'{self.artifact.name}'...{self.get_time_partition_str(**kwargs)}{self.get_partition_str(**kwargs)}"

    def __str__(self) -> str:
        return f"Artifact Query: on {self.artifact.name}"


class Artifact:
    """A named artifact declaration; see the module docstring.

    ``project``, ``domain`` and ``version`` normally come from the execution that produces the
    artifact; a ``version`` pins a default input to one concrete artifact. ``partition_keys`` (at
    most ``MAX_PARTITIONS``) name the partitions, ``partitions`` gives keys with values,
    ``time_partitioned`` adds a time partition of ``time_partition_granularity`` (DAY by default).
    """

    def __init__(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
        time_partitioned: bool = False,
        time_partition: TimePartition | None = None,
        time_partition_granularity: int | None = None,
        partition_keys: list[str] | None = None,
        partitions: Partitions | dict[str, str] | None = None,
    ) -> None:
        if not name:
            raise ValueError("Can't instantiate an Artifact without a name.")
        self.project = project
        self.domain = domain
        self.name = name
        self.version = version
        self.time_partitioned = time_partitioned
        self._time_partition: TimePartition | None = None
        if time_partition:
            self._time_partition = time_partition
            time_partition.reference_artifact = self
        self.partition_keys = partition_keys
        self.time_partition_granularity = time_partition_granularity
        self._partitions: Partitions | None = None
        if partitions:
            if isinstance(partitions, dict):
                self._partitions = Partitions(partitions)
                self.partition_keys = list(partitions)
            elif isinstance(partitions, Partitions):
                if not partitions.partitions:
                    raise ValueError("Partitions must be non-empty")
                self._partitions = partitions
                self.partition_keys = list(partitions.partitions)
            else:
                raise ValueError(f"Partitions must be a dict or Partitions object, not {type(partitions)}")
            self._partitions.set_reference_artifact(self)
        elif partition_keys:
            # keys without values: the only place a Partition holds None
            self._partitions = Partitions({k: Partition(None, name=k) for k in partition_keys})
            self._partitions.set_reference_artifact(self)
        if self.partition_keys and len(self.partition_keys) > MAX_PARTITIONS:
            raise ValueError("There is a hard limit of 10 partition keys per artifact currently.")

    def __call__(self, *args: typing.Any, **kwargs: typing.Any) -> ArtifactIDSpecification:
        """Bind partition values for an output annotation (``Annotated[T, MyData(region=...)]``)."""
        return ArtifactIDSpecification(self).bind_partitions(*args, **kwargs)

    @property
    def partitions(self) -> Partitions | None:
        return self._partitions

    @property
    def time_partition(self) -> TimePartition:
        if not self.time_partitioned:
            raise ValueError(f"Artifact {self.name} is not time partitioned")
        if not self._time_partition:
            self._time_partition = TimePartition(
                None, granularity=self.time_partition_granularity or Granularity.DAY
            )
            self._time_partition.reference_artifact = self
        return self._time_partition

    def __str__(self) -> str:
        time_line = f"  time partition={self.time_partition}\n" if self.time_partitioned else ""
        return (
            f"Artifact: project={self.project}, domain={self.domain}, name={self.name}, version={self.version}\n"
            f"  name={self.name}\n"
            f"  partitions={self.partitions}\n"
            f"{time_line}"
        )

    def __repr__(self) -> str:
        return self.__str__()

    def create_from(
        self,
        o: O,
        card: SerializableToString | None = None,
        *args: SerializableToString,
        **kwargs: typing.Any,
    ) -> O:
        """Return ``o`` from a task, publishing it as this artifact with run-time partition values.

        Keywords set partitions (values are turned into strings) and ``time_partition`` (a
        datetime); ``card`` and further positional items are stored in the output's metadata too.
        The task's output must still be annotated with this artifact. Outside a task this does nothing.
        """
        tracker = FlyteContextManager.current_context().output_metadata_tracker
        extras = [item for item in (card, *args) if item is not None]
        if tracker is None:
            logger.debug("Output metadata tracker not found, not annotating %s", o)
            return o
        partition_values: dict[str, str] = {}
        time_partition = None
        for key, value in kwargs.items():
            if key == TIME_PARTITION_KWARG:
                time_partition = value
            else:
                partition_values[key] = str(value)
        tracker.add(
            o,
            OutputMetadata(
                self,
                time_partition=time_partition or None,
                dynamic_partitions=partition_values or None,
                additional_items=extras or None,
            ),
        )
        return o

    def query(
        self,
        project: str | None = None,
        domain: str | None = None,
        time_partition: datetime.datetime | TimePartition | artifact_id_pb2.InputBindingData | None = None,
        partitions: dict[str, str | artifact_id_pb2.InputBindingData | Partition] | Partitions | None = None,
        **kwargs: typing.Any,
    ) -> ArtifactQuery:
        """A query for this artifact; partition values as keywords or as ``partitions`` (not both)."""
        if self.partition_keys:
            clash = _QUERY_ARGUMENTS & set(self.partition_keys)
            if clash:
                raise ValueError(
                    f"There are conflicting partition key names {_QUERY_ARGUMENTS ^ set(self.partition_keys)}, "
                    "please rename use a partitions object"
                )
        if partitions and kwargs:
            raise ValueError("Please either specify kwargs or a partitions object not both")
        chosen: Partitions | None = None
        if kwargs:
            chosen = Partitions(kwargs)
            chosen.reference_artifact = self  # the object only, not its partitions
        if partitions and isinstance(partitions, dict):
            chosen = Partitions(partitions)
            chosen.reference_artifact = self
        tp: TimePartition | None = None
        if time_partition:
            if isinstance(time_partition, TimePartition):
                tp = TimePartition(
                    time_partition.value,
                    op=time_partition.op,
                    other=time_partition.other,
                    granularity=self.time_partition_granularity or Granularity.DAY,
                )
                tp.reference_artifact = time_partition.reference_artifact
            else:
                tp = TimePartition(time_partition)
                tp.reference_artifact = self
        if tp is None and self.time_partitioned:
            tp = self.time_partition
        return ArtifactQuery(
            artifact=self,
            name=self.name,
            project=project or self.project or None,
            domain=domain or self.domain or None,
            time_partition=tp,
            partitions=chosen or self.partitions,
        )

    @property
    def concrete_artifact_id(self) -> artifact_id_pb2.ArtifactID:
        """The id of one materialized artifact: name, project, domain and version must all be known."""
        if self.name is None or self.project is None or self.domain is None or self.version is None:
            raise ValueError("Cannot create artifact id without name, project, domain, version")
        return self.to_id_idl()

    def embed_as_query(
        self,
        partition: str | None = None,
        bind_to_time_partition: bool | None = None,
        expr: str | None = None,
        op: int | None = None,
    ) -> artifact_id_pb2.ArtifactQuery:
        """A query that refers to the triggering artifact (for triggers), not a lookup.

        ``partition`` names the partition to use, or ``bind_to_time_partition`` its time
        partition; ``expr`` with ``op`` shifts that value.
        """
        transform = None
        if expr and (partition or bind_to_time_partition):
            transform = artifact_id_pb2.TimeTransform(transform=expr, op=op)  # type: ignore[arg-type]
        return artifact_id_pb2.ArtifactQuery(
            binding=artifact_id_pb2.ArtifactBindingData(
                partition_key=partition,
                bind_to_time_partition=bind_to_time_partition,
                time_transform=transform,
            )
        )

    def to_id_idl(self) -> artifact_id_pb2.ArtifactID:
        """This declaration as an ``ArtifactID`` (declared keys without values serialize as "")."""
        return artifact_id_pb2.ArtifactID(
            artifact_key=artifact_id_pb2.ArtifactKey(
                project=self.project, domain=self.domain, name=self.name
            ),
            version=self.version,
            partitions=Serializer.partitions_to_idl(self.partitions),
            time_partition=Serializer.time_partition_to_idl(self.time_partition)
            if self.time_partitioned
            else None,
        )
