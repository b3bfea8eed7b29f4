"""``BlobType`` and ``EnumType`` (``flyteidl.core.types``), as ``flytekit.models.core.types`` has them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flytekit._lazy import lazy_module
from flytekit.models._idl import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.core import types_pb2
else:
    types_pb2 = lazy_module("flyteidl.core.types_pb2")


class BlobType(FlyteIdlEntity):
    """An offloaded value's type: a ``format`` string and whether it is one file or a folder."""

    class BlobDimensionality:
        SINGLE = 0
        MULTIPART = 1

    def __init__(self, format: str, dimensionality: int) -> None:
        self._format = format
        self._dimensionality = dimensionality

    @property
    def format(self) -> str:
        return self._format

    @property
    def dimensionality(self) -> int:
        return self._dimensionality

    def to_flyte_idl(self) -> types_pb2.BlobType:
        return types_pb2.BlobType(format=self._format, dimensionality=self._dimensionality)  # type: ignore[arg-type]

    @classmethod
    def from_flyte_idl(cls, proto: types_pb2.BlobType) -> BlobType:
        return cls(format=proto.format, dimensionality=proto.dimensionality)


class EnumType(FlyteIdlEntity):
    """The allowed string values of an enum."""

    def __init__(self, values: list[str]) -> None:
        self._values = list(values)

    @property
    def values(self) -> list[str]:
        return list(self._values)

    def to_flyte_idl(self) -> types_pb2.EnumType:
        return types_pb2.EnumType(values=self._values)

    @classmethod
    def from_flyte_idl(cls, proto: types_pb2.EnumType) -> EnumType:
        return cls(values=list(proto.values))
