"""The shared base of the ``flytekit.models`` wrappers: equality and repr through the message.

Each wrapper holds Python values (or other wrappers) and converts with ``to_flyte_idl()`` /
``from_flyte_idl(msg)``; two wrappers are equal when their messages are.
"""

from __future__ import annotations

import abc
from typing import Any


class FlyteIdlEntity(abc.ABC):
    """A Python value with a protobuf form: equal, hashable and printable through that form."""

    @abc.abstractmethod
    def to_flyte_idl(self) -> Any:
        """The protobuf message of this value."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FlyteIdlEntity) and other.to_flyte_idl() == self.to_flyte_idl()

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.to_flyte_idl().SerializeToString(deterministic=True))

    def serialize_to_string(self) -> bytes:
        data: bytes = self.to_flyte_idl().SerializeToString()
        return data

    @property
    def is_empty(self) -> bool:
        size: int = self.to_flyte_idl().ByteSize()
        return size == 0

    def __repr__(self) -> str:
        from google.protobuf import text_format

        return f"{type(self).__name__}({text_format.MessageToString(self.to_flyte_idl(), as_one_line=True)})"


def idl_of(value: Any) -> Any:
    """The message of a wrapper, or ``value`` itself when it already is one (or None)."""
    return value.to_flyte_idl() if isinstance(value, FlyteIdlEntity) else value
