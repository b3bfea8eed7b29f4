"""The one transformer behind every dataframe type: ``StructuredDatasetTransformerEngine``.

Its literal type is ``structured_dataset_type`` (columns and format from the annotation). Writing:
a plain dataframe goes to the encoder of its type's default format; a ``StructuredDataset`` to the
encoder of the interface's format; one that only names a ``uri`` becomes a literal of that uri (a
local path is uploaded under the raw output prefix first); one read from a literal is passed through.
Reading: a ``StructuredDataset`` annotation gets a lazy handle; a dataframe annotation is decoded at
once. The columns the reading task asks for replace those the literal was written with, so decoders
read just those. Dataset literals inside dataclasses (msgpack or JSON ``{"uri", "file_format"}``)
and legacy ``FlyteSchema`` literals are read too.

Encoders and decoders see ``flytekit.models`` values (as in flytekit); literals here are messages.
"""

from __future__ import annotations

import logging
import os
import types
from typing import TYPE_CHECKING, Any, ClassVar

from google.protobuf import json_format

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.type_engine import TypeEngine, TypeTransformer, TypeTransformerFailedError
from flytekit.models.literals import StructuredDataset as DatasetLiteral
from flytekit.models.literals import StructuredDatasetMetadata, dataset_message
from flytekit.models.types import StructuredDatasetType
from flytekit.types.structured._columns import dataset_columns, dataset_type, extract_cols_and_format
from flytekit.types.structured._dataset import StructuredDataset, dataset_literal
from flytekit.types.structured._handlers import (
    GENERIC_FORMAT,
    HANDLERS,
    Handler,
    StructuredDatasetDecoder,
    StructuredDatasetEncoder,
)

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

logger = logging.getLogger(__name__)

MESSAGEPACK = "msgpack"
PARQUET = "parquet"


def protocol_of(uri: str) -> str:
    """The storage protocol of ``uri``: its scheme, or ``file`` for a local path."""
    head, sep, _ = uri.partition("://")
    return head.lower() if sep else "file"


def _schema_column_literal_type(column_type: int) -> types_pb2.LiteralType:
    # the schema column kinds carry the names of the simple types they map to
    return types_pb2.LiteralType(simple=types_pb2.SchemaType.SchemaColumn.SchemaColumnType.Name(column_type))


def upload_local_dataset(ctx: FlyteContext, path: str) -> str:
    """Upload a local file or folder to ``<raw output prefix>/<random>/<name>`` (a folder's uri ends in ``/``)."""
    from flytekit.errors import FlyteAssertion

    local = path[len("file://") :] if path.startswith("file://") else path
    if not os.path.exists(local):
        raise FlyteAssertion(f"File {local} does not exist")
    fa = ctx.file_access
    target = fa.join(fa.raw_output_prefix, fa.get_random_string(), os.path.basename(local.rstrip("/")))
    if os.path.isdir(local):
        fa.put_data(local, target, is_multipart=True)
        return target if FileAccessProvider.is_remote(target) else target + "/"
    return fa.put_data(local, target)


class StructuredDatasetTransformerEngine(TypeTransformer[StructuredDataset]):
    """The transformer of ``StructuredDataset`` and of every dataframe type that has registered handlers.

    Bring a new dataframe library by registering a ``StructuredDatasetEncoder`` and a
    ``StructuredDatasetDecoder`` for it here (``register``), not a transformer of its own.
    """

    ENCODERS: ClassVar[dict[Any, dict[str, dict[str, Any]]]] = HANDLERS.encoders
    DECODERS: ClassVar[dict[Any, dict[str, dict[str, Any]]]] = HANDLERS.decoders
    DEFAULT_FORMATS: ClassVar[dict[Any, str]] = HANDLERS.default_formats
    DEFAULT_PROTOCOLS: ClassVar[dict[Any, str]] = HANDLERS.default_protocols
    Renderers: ClassVar[dict[Any, Any]] = {}

    def __init__(self) -> None:
        super().__init__("StructuredDataset Transformer", StructuredDataset, enable_type_assertions=False)

    # ---- handler registration
    @classmethod
    def register(
        cls,
        h: Handler,
        default_for_type: bool = False,
        override: bool = False,
        default_format_for_type: bool = False,
        default_storage_for_type: bool = False,
    ) -> None:
        """Register an encoder or decoder; its dataframe type is then handled by this transformer.

        ``default_for_type``: use this handler's protocol and format for plain dataframes of its type
        (only for handlers with a protocol). ``default_format_for_type`` / ``default_storage_for_type``:
        only the format / only the protocol. ``override``: replace earlier registrations and defaults.
        """
        HANDLERS.add(h, default_for_type, override, default_format_for_type, default_storage_for_type)
        # families whose libraries are imported load first, so this registration is the last word
        TypeEngine.registry().load_lazy_families()
        TypeEngine.register(flyte_dataset_transformer, additional_types=[h.python_type])

    @classmethod
    def register_renderer(cls, python_type: type[Any], renderer: Any) -> None:
        """Render dataframes of ``python_type`` in decks with ``renderer.to_html(df)``."""
        cls.Renderers[python_type] = renderer

    @classmethod
    def get_encoder(cls, df_type: type[Any], protocol: str, format: str) -> StructuredDatasetEncoder[Any]:
        found: StructuredDatasetEncoder[Any] = HANDLERS.find(HANDLERS.encoders, df_type, protocol, format)
        return found

    @classmethod
    def get_decoder(cls, df_type: type[Any], protocol: str, format: str) -> StructuredDatasetDecoder[Any]:
        found: StructuredDatasetDecoder[Any] = HANDLERS.find(HANDLERS.decoders, df_type, protocol, format)
        return found

    # ---- types
    def assert_type(self, t: Any, v: Any) -> None:
        return None

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(structured_dataset_type=dataset_type(t))

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "structured_dataset_type":
            return StructuredDataset
        raise ValueError(f"StructuredDatasetTransformerEngine cannot reverse {literal_type}")

    # ---- writing
    def to_literal(
        self,
        ctx: FlyteContext,
        python_val: Any,
        python_type: Any,
        expected: types_pb2.LiteralType | None,
    ) -> literals_pb2.Literal:
        base_type = extract_cols_and_format(python_type).base_type
        wants_dataset = isinstance(base_type, type) and issubclass(base_type, StructuredDataset)
        if wants_dataset and not isinstance(python_val, StructuredDataset):
            raise TypeTransformerFailedError(
                f"Expected a StructuredDataset instance, but got {type(python_val)} instead."
                " Did you forget to wrap your dataframe in a StructuredDataset instance?"
            )
        declared = (
            expected.structured_dataset_type
            if expected is not None and expected.WhichOneof("type") == "structured_dataset_type"
            else None
        )
        sdt = types_pb2.StructuredDatasetType(format=self.DEFAULT_FORMATS.get(base_type, GENERIC_FORMAT))
        if declared is not None:
            sdt.CopyFrom(declared)

        if isinstance(python_val, StructuredDataset):
            return self._dataset_to_literal(ctx, python_val, sdt)

        # a plain dataframe: written in its type's default format, whatever the annotation says (as flytekit)
        fmt = self.DEFAULT_FORMATS.get(base_type, GENERIC_FORMAT)
        protocol = self._protocol_for(ctx, base_type)
        wrapped = StructuredDataset(dataframe=python_val, metadata=StructuredDatasetMetadata(declared))
        return self.encode(ctx, wrapped, base_type, protocol, fmt, sdt)

    def _dataset_to_literal(
        self, ctx: FlyteContext, value: StructuredDataset, sdt: types_pb2.StructuredDatasetType
    ) -> literals_pb2.Literal:
        if value._literal_sd is not None:
            # received (or already written) and returned again: the same literal, nothing re-encoded
            if not value._already_uploaded and value.dataframe is not None:
                raise ValueError(
                    f"Shouldn't have specified both literal {value._literal_sd} and dataframe {value.dataframe}"
                )
            return literals_pb2.Literal(scalar=literals_pb2.Scalar(structured_dataset=value._literal_sd))
        if value.dataframe is None:
            uri = value.uri
            if not uri:
                raise ValueError(f"If dataframe is not specified, then the uri should be specified. {value}")
            if not FileAccessProvider.is_remote(uri):
                uri = upload_local_dataset(ctx, uri)
            # the interface's format wins; the value's own format only fills a generic one
            if sdt.format == GENERIC_FORMAT and value.file_format:
                sdt.format = value.file_format
            dataset = literals_pb2.StructuredDataset(
                uri=uri, metadata=literals_pb2.StructuredDatasetMetadata(structured_dataset_type=sdt)
            )
            return literals_pb2.Literal(scalar=literals_pb2.Scalar(structured_dataset=dataset))
        df_type = type(value.dataframe)
        protocol = self._protocol_for(ctx, df_type, value.uri)
        return self.encode(ctx, value, df_type, protocol, sdt.format, sdt)

    def _protocol_for(self, ctx: FlyteContext, df_type: Any, uri: str | None = None) -> str:
        if df_type in self.DEFAULT_PROTOCOLS:
            return self.DEFAULT_PROTOCOLS[df_type]
        return protocol_of(uri or ctx.file_access.raw_output_prefix)

    def encode(
        self,
        ctx: FlyteContext,
        sd: StructuredDataset,
        df_type: type[Any],
        protocol: str,
        format: str,
        structured_literal_type: types_pb2.StructuredDatasetType | StructuredDatasetType,
    ) -> literals_pb2.Literal:
        """Write ``sd`` with the encoder for (``df_type``, ``protocol``, ``format``); the literal of the result."""
        handler = self.get_encoder(df_type, protocol, format)
        sdt = (
            structured_literal_type
            if isinstance(structured_literal_type, StructuredDatasetType)
            else StructuredDatasetType.from_flyte_idl(structured_literal_type)
        )
        written = dataset_message(handler.encode(ctx, sd, sdt))
        # the literal carries its type: at least as much as the interface's, and the writer's format
        if not written.HasField("metadata") or not written.metadata.HasField("structured_dataset_type"):
            written.metadata.structured_dataset_type.CopyFrom(sdt.to_flyte_idl())
        written.metadata.structured_dataset_type.format = handler.supported_format
        sd._literal_sd = written
        sd._already_uploaded = True
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(structured_dataset=written))

    # ---- reading
    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        scalar_kind = lv.scalar.WhichOneof("value") if lv.WhichOneof("value") == "scalar" else None
        if scalar_kind == "binary":
            return self.from_binary_idl(lv.scalar.binary, expected_python_type)
        if scalar_kind == "generic":
            return self.from_generic_idl(lv.scalar.generic, expected_python_type)
        annotation = extract_cols_and_format(expected_python_type)
        wanted_columns = dataset_columns(annotation.columns)
        if scalar_kind == "schema":
            dataset = self._dataset_of_schema(lv.scalar.schema, wanted_columns)
        elif scalar_kind == "structured_dataset":
            dataset = lv.scalar.structured_dataset
        else:
            raise TypeTransformerFailedError(
                f"Cannot read a {expected_python_type} from a literal that holds no structured dataset: {lv}"
            )
        incoming = dataset.metadata.structured_dataset_type
        sdt = types_pb2.StructuredDatasetType(
            columns=wanted_columns or list(incoming.columns),
            format=incoming.format,
            external_schema_type=incoming.external_schema_type,
            external_schema_bytes=incoming.external_schema_bytes,
        )
        metadata = literals_pb2.StructuredDatasetMetadata(structured_dataset_type=sdt)
        base_type = annotation.base_type
        if isinstance(base_type, type) and issubclass(base_type, StructuredDataset):
            value = base_type(dataframe=None, metadata=StructuredDatasetMetadata.from_flyte_idl(metadata))
            value._literal_sd = dataset
            value.file_format = sdt.format
            return value
        return self.open_as_message(ctx, dataset, base_type, metadata)

    @staticmethod
    def _dataset_of_schema(
        schema: literals_pb2.Schema, wanted: list[types_pb2.StructuredDatasetType.DatasetColumn]
    ) -> literals_pb2.StructuredDataset:
        """A legacy ``FlyteSchema`` literal as a parquet dataset literal."""
        columns = wanted or [
            types_pb2.StructuredDatasetType.DatasetColumn(
                name=c.name, literal_type=_schema_column_literal_type(c.type)
            )
            for c in schema.type.columns
        ]
        sdt = types_pb2.StructuredDatasetType(columns=columns, format=PARQUET)
        return literals_pb2.StructuredDataset(
            uri=schema.uri, metadata=literals_pb2.StructuredDatasetMetadata(structured_dataset_type=sdt)
        )

    def dict_to_structured_dataset(self, dict_obj: dict[str, Any], expected_python_type: Any) -> Any:
        uri = dict_obj.get("uri")
        if uri is None:
            raise ValueError("StructuredDataset's uri and file format should not be None")
        from flytekit.core.context_manager import FlyteContextManager

        ctx = FlyteContextManager.current_context()
        return self.to_python_value(
            ctx, dataset_literal(uri, dict_obj.get("file_format")), expected_python_type
        )

    def from_binary_idl(self, binary_idl_object: literals_pb2.Binary, expected_python_type: Any) -> Any:
        if binary_idl_object.tag != MESSAGEPACK:
            raise TypeTransformerFailedError(f"Unsupported binary format: `{binary_idl_object.tag}`")
        import msgpack  # type: ignore[import-untyped]

        return self.dict_to_structured_dataset(msgpack.loads(binary_idl_object.value), expected_python_type)

    def from_generic_idl(self, generic: Any, expected_python_type: Any) -> Any:
        return self.dict_to_structured_dataset(json_format.MessageToDict(generic), expected_python_type)

    def open_as(self, ctx: FlyteContext, sd: Any, df_type: type[Any], updated_metadata: Any) -> Any:
        """``sd`` (a dataset literal) read whole as ``df_type``, typed by ``updated_metadata``."""
        metadata = (
            updated_metadata.to_flyte_idl() if hasattr(updated_metadata, "to_flyte_idl") else updated_metadata
        )
        return self.open_as_message(ctx, dataset_message(sd), df_type, metadata)

    def iter_as(self, ctx: FlyteContext, sd: Any, df_type: type[Any], updated_metadata: Any) -> Any:
        """``sd`` (a dataset literal) read as an iterator of ``df_type``."""
        metadata = (
            updated_metadata.to_flyte_idl() if hasattr(updated_metadata, "to_flyte_idl") else updated_metadata
        )
        return self.iter_as_message(ctx, dataset_message(sd), df_type, metadata)

    def _decode(
        self,
        ctx: FlyteContext,
        sd: literals_pb2.StructuredDataset,
        df_type: type[Any],
        metadata: literals_pb2.StructuredDatasetMetadata | None,
    ) -> tuple[StructuredDatasetDecoder[Any], Any]:
        decoder = self.get_decoder(df_type, protocol_of(sd.uri), sd.metadata.structured_dataset_type.format)
        wanted = metadata if metadata is not None else sd.metadata
        return decoder, decoder.decode(
            ctx, DatasetLiteral.from_flyte_idl(sd), StructuredDatasetMetadata.from_flyte_idl(wanted)
        )

    def open_as_message(
        self,
        ctx: FlyteContext,
        sd: literals_pb2.StructuredDataset,
        df_type: type[Any],
        metadata: literals_pb2.StructuredDatasetMetadata | None,
    ) -> Any:
        decoder, result = self._decode(ctx, sd, df_type, metadata)
        if isinstance(result, types.GeneratorType):
            raise ValueError(
                f"Decoder {decoder} returned iterator {result} but whole value requested from {sd}"
            )
        return result

    def iter_as_message(
        self,
        ctx: FlyteContext,
        sd: literals_pb2.StructuredDataset,
        df_type: type[Any],
        metadata: literals_pb2.StructuredDatasetMetadata | None,
    ) -> Any:
        decoder, result = self._decode(ctx, sd, df_type, metadata)
        if not isinstance(result, types.GeneratorType):
            raise ValueError(f"Decoder {decoder} didn't return iterator {result} but should have from {sd}")
        return result

    def to_html(self, ctx: FlyteContext, python_val: Any, expected_python_type: Any) -> str:
        df = python_val
        if isinstance(python_val, StructuredDataset):
            if python_val.dataframe is None:
                import pandas as pd

                html: str = pd.DataFrame(python_val.columns(), ["column type"]).to_html()
                return html
            df = python_val.dataframe
        renderer = self.Renderers.get(type(df))
        if renderer is None:
            raise NotImplementedError(f"Could not find a renderer for {type(df)} in {self.Renderers}")
        rendered: str = renderer.to_html(df)
        return rendered


flyte_dataset_transformer = StructuredDatasetTransformerEngine()
