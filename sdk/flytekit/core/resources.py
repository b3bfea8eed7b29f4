"""Compute resources of a task: ``Resources`` (what users write) and ``ResourceSpec`` (requests + limits).

Values are serialized with ``str(value)`` into ``flyteidl.core.Resources`` entries in the order
EPHEMERAL_STORAGE, CPU, GPU, MEMORY, as flytekit does (so ``mem=1024`` means 1024 bytes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import tasks_pb2
else:
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")

ResourceValue = str | int | float | None
# flytekit's entry order (observed): ephemeral storage, cpu, gpu, memory. Values are the names of
# tasks_pb2.Resources.ResourceName members, resolved when serializing so importing stays proto-free.
_IDL_NAMES = {
    "ephemeral_storage": "EPHEMERAL_STORAGE",
    "cpu": "CPU",
    "gpu": "GPU",
    "mem": "MEMORY",
}


@dataclass(frozen=True)
class Resources:
    """``Resources(cpu="1", mem="2Gi", gpu=None, ephemeral_storage=None)``; with ``resources=`` on a task,
    a field may also be a ``(request, limit)`` tuple."""

    cpu: ResourceValue | tuple[ResourceValue, ResourceValue] = None
    mem: ResourceValue | tuple[ResourceValue, ResourceValue] = None
    gpu: ResourceValue | tuple[ResourceValue, ResourceValue] = None
    ephemeral_storage: ResourceValue | tuple[ResourceValue, ResourceValue] = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            parts = value if isinstance(value, tuple) else (value,)
            for part in parts:
                if part is not None and not isinstance(part, str | int | float):
                    raise ValueError(f"Resources.{f.name} must be a str, int or float, got {part!r}")
            if isinstance(value, tuple) and len(value) != 2:
                raise ValueError(f"Resources.{f.name} as a tuple must be (request, limit), got {value!r}")

    def to_entries(self) -> list[tasks_pb2.Resources.ResourceEntry]:
        entries = []
        for name, idl_name in _IDL_NAMES.items():
            value = getattr(self, name)
            if isinstance(value, tuple):
                raise ValueError(
                    f"Resources.{name}={value!r}: (request, limit) tuples are only allowed in resources="
                )
            if value is not None:
                entries.append(tasks_pb2.Resources.ResourceEntry(name=idl_name, value=str(value)))
        return entries


@dataclass(frozen=True)
class ResourceSpec:
    requests: Resources = field(default_factory=Resources)
    limits: Resources = field(default_factory=Resources)

    @classmethod
    def from_multiple_resource(cls, resources: Resources) -> ResourceSpec:
        """Split ``resources=``: a scalar sets only the request, a tuple sets request and limit."""
        requests: dict[str, ResourceValue] = {}
        limits: dict[str, ResourceValue] = {}
        for name in _IDL_NAMES:
            value = getattr(resources, name)
            if isinstance(value, tuple):
                requests[name], limits[name] = value
            else:
                requests[name] = value
        return cls(requests=Resources(**requests), limits=Resources(**limits))

    def is_empty(self) -> bool:
        return not self.requests.to_entries() and not self.limits.to_entries()

    def to_idl(self) -> tasks_pb2.Resources:
        return tasks_pb2.Resources(requests=self.requests.to_entries(), limits=self.limits.to_entries())


def construct_resource_spec(
    requests: Resources | None = None, limits: Resources | None = None, resources: Resources | None = None
) -> ResourceSpec:
    """The task's ``ResourceSpec`` from ``requests``/``limits`` or ``resources`` (never both)."""
    if resources is not None:
        if requests is not None or limits is not None:
            raise ValueError("Use either resources= or requests=/limits= on a task, not both.")
        return ResourceSpec.from_multiple_resource(resources)
    return ResourceSpec(requests=requests or Resources(), limits=limits or Resources())
