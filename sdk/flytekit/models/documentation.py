"""Entity documentation (``flyteidl.admin.DescriptionEntity``) as flytekit exposes it: the ``docs=``
objects of tasks and workflows."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.models.common import FlyteIdlEntity

if TYPE_CHECKING:
    from flyteidl.admin import description_entity_pb2
else:
    description_entity_pb2 = lazy_module("flyteidl.admin.description_entity_pb2")


@dataclass
class Description(FlyteIdlEntity):
    """A long description: inline ``value`` or a ``uri``, in ``format`` (reStructuredText by default)."""

    class DescriptionFormat(enum.Enum):
        UNKNOWN = 0
        MARKDOWN = 1
        HTML = 2
        RST = 3

    value: str | None = None
    uri: str | None = None
    icon_link: str | None = None
    format: DescriptionFormat = DescriptionFormat.RST

    def to_flyte_idl(self) -> description_entity_pb2.Description:
        message = description_entity_pb2.Description(
            format=self.format.value,  # type: ignore[arg-type]
            icon_link=self.icon_link or "",
        )
        if self.value:
            message.value = self.value
        if self.uri:
            message.uri = self.uri
        return message

    @classmethod
    def from_flyte_idl(cls, pb2_object: description_entity_pb2.Description) -> Description:
        return cls(
            value=pb2_object.value or None,
            uri=pb2_object.uri or None,
            icon_link=pb2_object.icon_link or None,
            format=Description.DescriptionFormat(pb2_object.format),
        )

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


@dataclass
class SourceCode(FlyteIdlEntity):
    """Where the entity's source lives (a link)."""

    link: str | None = None

    def to_flyte_idl(self) -> description_entity_pb2.SourceCode:
        return description_entity_pb2.SourceCode(link=self.link or "")

    @classmethod
    def from_flyte_idl(cls, pb2_object: description_entity_pb2.SourceCode) -> SourceCode:
        return cls(link=pb2_object.link or None)

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


@dataclass
class Documentation(FlyteIdlEntity):
    """A one-line summary, a long description and a source link."""

    short_description: str | None = None
    long_description: Description | None = None
    source_code: SourceCode | None = None

    def to_flyte_idl(self) -> description_entity_pb2.DescriptionEntity:
        message = description_entity_pb2.DescriptionEntity(short_description=self.short_description or "")
        if self.long_description is not None:
            message.long_description.CopyFrom(self.long_description.to_flyte_idl())
        if self.source_code is not None:
            message.source_code.CopyFrom(self.source_code.to_flyte_idl())
        return message

    @classmethod
    def from_flyte_idl(cls, pb2_object: description_entity_pb2.DescriptionEntity) -> Documentation:
        return cls(
            short_description=pb2_object.short_description or None,
            long_description=Description.from_flyte_idl(pb2_object.long_description)
            if pb2_object.HasField("long_description")
            else None,
            source_code=SourceCode.from_flyte_idl(pb2_object.source_code)
            if pb2_object.HasField("source_code")
            else None,
        )

    __eq__ = FlyteIdlEntity.__eq__
    __hash__ = FlyteIdlEntity.__hash__


def with_docstring(docs: Documentation, short: str | None, long: str | None) -> Documentation:
    """``docs`` completed by a function's docstring: its summary and long text win when present."""
    return Documentation(
        short_description=short or docs.short_description,
        long_description=Description(value=long) if long else docs.long_description,
        source_code=docs.source_code,
    )


def describe(docs: Any, docstring: Any) -> Any:
    """What describes an entity: the given ``Documentation`` completed by the function's docstring
    (an object with ``short_description``/``long_description``), else that docstring."""
    if not isinstance(docs, Documentation):
        return docs or docstring
    if docstring is None:
        return docs
    return with_docstring(docs, docstring.short_description, docstring.long_description)
