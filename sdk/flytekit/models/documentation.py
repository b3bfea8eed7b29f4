"""``Documentation``, ``Description``, ``SourceCode``: the ``docs=`` of tasks and workflows.

They map one to one onto ``flyteidl.admin.DescriptionEntity``, ``Description`` and ``SourceCode``
(``to_flyte_idl`` / ``from_flyte_idl``); empty strings stay unset in the message.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.admin import description_entity_pb2
else:
    description_entity_pb2 = lazy_module("flyteidl.admin.description_entity_pb2")


@dataclass
class Description:
    """A long description: inline text (``value``) or a link (``uri``), in a markup ``format``."""

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
        msg = description_entity_pb2.Description(format=self.format.value)  # type: ignore[arg-type]
        if self.value:
            msg.value = self.value
        if self.uri:
            msg.uri = self.uri
        if self.icon_link:
            msg.icon_link = self.icon_link
        return msg

    @classmethod
    def from_flyte_idl(cls, pb2_object: description_entity_pb2.Description) -> Description:
        return cls(
            value=pb2_object.value or None,
            uri=pb2_object.uri or None,
            format=Description.DescriptionFormat(pb2_object.format),
            icon_link=pb2_object.icon_link or None,
        )


@dataclass
class SourceCode:
    """A link to the code that defines the entity."""

    link: str | None = None

    def to_flyte_idl(self) -> description_entity_pb2.SourceCode:
        return description_entity_pb2.SourceCode(link=self.link or "")

    @classmethod
    def from_flyte_idl(cls, pb2_object: description_entity_pb2.SourceCode) -> SourceCode | None:
        return cls(link=pb2_object.link) if pb2_object.link else None


@dataclass
class Documentation:
    """A one-line summary, an optional long description and an optional source link."""

    short_description: str | None = None
    long_description: Description | None = None
    source_code: SourceCode | None = None

    def to_flyte_idl(self) -> description_entity_pb2.DescriptionEntity:
        msg = description_entity_pb2.DescriptionEntity()
        if self.short_description:
            msg.short_description = self.short_description
        if self.long_description is not None:
            msg.long_description.CopyFrom(self.long_description.to_flyte_idl())
        if self.source_code is not None:
            msg.source_code.CopyFrom(self.source_code.to_flyte_idl())
        return msg

    @classmethod
    def from_flyte_idl(cls, pb2_object: description_entity_pb2.DescriptionEntity) -> Documentation:
        return cls(
            short_description=pb2_object.short_description,
            long_description=Description.from_flyte_idl(pb2_object.long_description)
            if pb2_object.HasField("long_description")
            else None,
            source_code=SourceCode.from_flyte_idl(pb2_object.source_code)
            if pb2_object.HasField("source_code")
            else None,
        )


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
