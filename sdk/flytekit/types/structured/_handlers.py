"""Dataframe encoders and decoders, and the registry that picks one per (dataframe type, protocol, format).

An encoder writes a dataframe of its ``python_type`` somewhere and returns the dataset literal; a
decoder reads one back. Each names the storage ``protocol`` it serves (``"s3"``, ``"bq"``...; ``None``
means every protocol the SDK's file access handles, kept under the key ``"fsspec"`` as flytekit does)
and the ``supported_format`` it writes (``"parquet"``, ``"csv"``; ``""`` means any format).

Lookup for (type, protocol, format): the exact entry; else a handler for that protocol (its generic
one, the type's default format, or its only one), else an all-protocol handler (the format asked,
the generic one, or, when no format was asked, the type's default format or its only one).
"""

from __future__ import annotations

import abc
import logging
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterator

    from flytekit.core.context_manager import FlyteContext
    from flytekit.models.literals import StructuredDataset as DatasetLiteral
    from flytekit.models.literals import StructuredDatasetMetadata
    from flytekit.models.types import StructuredDatasetType
    from flytekit.types.structured._dataset import StructuredDataset

logger = logging.getLogger(__name__)

T = TypeVar("T")
DF = TypeVar("DF")

GENERIC_FORMAT = ""
ALL_PROTOCOLS = "fsspec"


class DuplicateHandlerError(ValueError):
    """A handler for the same (dataframe type, protocol, format) is registered already."""


def _protocol_name(protocol: str | None) -> str | None:
    return protocol.replace("://", "") if protocol else None


class StructuredDatasetEncoder(abc.ABC, Generic[T]):
    """Writes dataframes of ``python_type`` to storage; subclass, implement ``encode``, register it with
    ``StructuredDatasetTransformerEngine.register``."""

    def __init__(
        self, python_type: type[T], protocol: str | None = None, supported_format: str | None = None
    ) -> None:
        self._python_type = python_type
        self._protocol = _protocol_name(protocol)
        self._supported_format = supported_format or GENERIC_FORMAT

    @property
    def python_type(self) -> type[T]:
        return self._python_type

    @property
    def protocol(self) -> str | None:
        return self._protocol

    @property
    def supported_format(self) -> str:
        return self._supported_format

    @abc.abstractmethod
    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> DatasetLiteral:
        """Write ``structured_dataset.dataframe`` and return the literal naming where it went.

        ``structured_dataset_type`` is the type of the interface (columns, format); return it in the
        literal's metadata. Missing metadata is filled in, and the format is always set to this
        encoder's ``supported_format``, by the engine.
        """


class StructuredDatasetDecoder(abc.ABC, Generic[DF]):
    """Reads dataset literals into dataframes of ``python_type``; subclass, implement ``decode``, register it
    with ``StructuredDatasetTransformerEngine.register``."""

    def __init__(
        self,
        python_type: type[DF],
        protocol: str | None = None,
        supported_format: str | None = None,
        additional_protocols: list[str] | None = None,
    ) -> None:
        self._python_type = python_type
        self._protocol = _protocol_name(protocol)
        self._supported_format = supported_format or GENERIC_FORMAT
        # accepted for flytekit's signature; flytekit 1.16 registers a decoder under its protocol only
        del additional_protocols

    @property
    def python_type(self) -> type[DF]:
        return self._python_type

    @property
    def protocol(self) -> str | None:
        return self._protocol

    @property
    def supported_format(self) -> str:
        return self._supported_format

    @abc.abstractmethod
    def decode(
        self,
        ctx: FlyteContext,
        flyte_value: DatasetLiteral,
        current_task_metadata: StructuredDatasetMetadata,
    ) -> DF | Iterator[DF]:
        """Read ``flyte_value`` as one dataframe, or as an iterator of them.

        ``current_task_metadata`` carries the columns the running task asked for (else the ones the
        literal was written with); decoders should read only those.
        """


Handler = StructuredDatasetEncoder[Any] | StructuredDatasetDecoder[Any]
# dataframe type -> protocol -> format -> handler
HandlerMap = dict[Any, dict[str, dict[str, Any]]]


class HandlerRegistry:
    """Encoders and decoders by (dataframe type, protocol, format), and each type's default format/protocol."""

    def __init__(self) -> None:
        self.encoders: HandlerMap = {}
        self.decoders: HandlerMap = {}
        self.default_formats: dict[Any, str] = {}
        self.default_protocols: dict[Any, str] = {}

    def _map_of(self, h: Handler) -> HandlerMap:
        if isinstance(h, StructuredDatasetEncoder):
            return self.encoders
        if isinstance(h, StructuredDatasetDecoder):
            return self.decoders
        raise TypeError(
            f"{h!r} is neither a StructuredDatasetEncoder nor a StructuredDatasetDecoder; only those can be registered."
        )

    def add(
        self,
        h: Handler,
        default_for_type: bool = False,
        override: bool = False,
        default_format_for_type: bool = False,
        default_storage_for_type: bool = False,
    ) -> None:
        """Register ``h``; see ``StructuredDatasetTransformerEngine.register`` for the flags."""
        self._map_of(h)
        if h.protocol is None:
            if default_for_type:
                raise ValueError(
                    f"Handler {h!r} serves every protocol, so it cannot be the default for its type; "
                    "give it a protocol or drop default_for_type."
                )
            try:
                self._add_for(
                    h, ALL_PROTOCOLS, False, override, default_format_for_type, default_storage_for_type
                )
            except DuplicateHandlerError:
                logger.debug("Skipping all-protocol handler %r: one is registered already", h)
        elif h.protocol == "":
            raise ValueError(f"Handler {h!r} has an empty protocol; use None to serve every protocol.")
        else:
            self._add_for(
                h, h.protocol, default_for_type, override, default_format_for_type, default_storage_for_type
            )

    def _add_for(
        self,
        h: Handler,
        protocol: str,
        default_for_type: bool,
        override: bool,
        default_format_for_type: bool,
        default_storage_for_type: bool,
    ) -> None:
        protocol = "file" if protocol == "/" else protocol
        by_format = self._map_of(h).setdefault(h.python_type, {}).setdefault(protocol, {})
        if h.supported_format in by_format and not override:
            raise DuplicateHandlerError(
                f"A handler for {(h.python_type, protocol, h.supported_format)} is registered already; "
                "pass override=True to replace it."
            )
        by_format[h.supported_format] = h
        if (default_format_for_type or default_for_type) and h.supported_format != GENERIC_FORMAT:
            if h.python_type in self.default_formats and not override:
                logger.debug(
                    "Keeping %r as default format of %s", self.default_formats[h.python_type], h.python_type
                )
            else:
                self.default_formats[h.python_type] = h.supported_format
        if default_storage_for_type or default_for_type:
            if h.protocol in self.default_protocols and not override:
                logger.debug("Keeping the default protocol of %s", h.python_type)
            else:
                self.default_protocols[h.python_type] = protocol

    def find(self, handlers: HandlerMap, df_type: Any, protocol: str, fmt: str) -> Any:
        """The handler for (``df_type``, ``protocol``, ``fmt``) by the rules in the module docstring."""
        by_protocol = handlers.get(df_type, {})
        exact = by_protocol.get(protocol, {}).get(fmt)
        if exact is not None:
            return exact
        default_format = self.default_formats.get(df_type)
        single = None
        everywhere = None
        generic = by_protocol.get(ALL_PROTOCOLS)
        if generic:
            if fmt in generic:
                everywhere = generic[fmt]
            elif GENERIC_FORMAT in generic:
                everywhere = generic[GENERIC_FORMAT]
            elif fmt == GENERIC_FORMAT and default_format and default_format in generic:
                everywhere = generic[default_format]
            elif fmt == GENERIC_FORMAT and len(generic) == 1:
                single = next(iter(generic.values()))
        specific = None
        own = by_protocol.get(protocol)
        if own:
            if GENERIC_FORMAT in own:
                specific = own[GENERIC_FORMAT]
            elif default_format and default_format in own:
                specific = own[default_format]
            elif len(own) == 1:
                single = next(iter(own.values()))
        found = specific or everywhere or single
        if found is None:
            raise ValueError(
                f"Failed to find a handler for {df_type}, protocol [{protocol}], fmt ['{fmt}']; register a "
                "StructuredDatasetEncoder/Decoder for it with StructuredDatasetTransformerEngine.register "
                "(pandas and pyarrow handlers load once pandas/pyarrow is imported)."
            )
        return found


HANDLERS = HandlerRegistry()
