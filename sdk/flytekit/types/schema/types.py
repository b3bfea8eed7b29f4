"""``FlyteSchema`` (deprecated in flytekit in favour of ``StructuredDataset``) and its transformer.

``FlyteSchema[kwtypes(a=int)]`` is a schema with typed columns: literal type ``schema{columns}``,
literal ``scalar.schema{uri, type}``. A schema is written into a local folder (``open()`` gives a
writer) and uploaded to its ``remote_path`` when returned; a received one is read-only and is
downloaded on first ``open()``. A dataframe returned where a ``FlyteSchema`` is declared is written
through the handler of its type. Inside dataclasses it serializes to ``{"remote_path": ...}``.
"""

from __future__ import annotations

import datetime
import logging
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from mashumaro.types import SerializableType

from flytekit._lazy import lazy_module
from flytekit.core.type_engine import TypeTransformer, TypeTransformerFailedError
from flytekit.types.schema._io import SchemaEngine, SchemaFormat, SchemaOpenMode, SchemaReader, SchemaWriter

if TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext
else:
    literals_pb2 = lazy_module("flyteidl.core.literals_pb2")
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

logger = logging.getLogger(__name__)

MESSAGEPACK = "msgpack"
_DEPRECATED = "FlyteSchema is deprecated, use Structured Dataset instead."


class _HiddenAttribute:
    """Makes ``hasattr(typed_schema, "__class_getitem__")`` false, so mashumaro treats typed schemas as plain
    classes (with their own ``_serialize``) instead of generic aliases."""

    def __get__(self, instance: Any, owner: Any) -> Any:
        raise AttributeError("__class_getitem__ is hidden on typed FlyteSchema classes")


@dataclass
class FlyteSchema(SerializableType):
    """A folder of parquet parts with (optionally) typed columns: ``FlyteSchema[kwtypes(a=int)]``."""

    remote_path: str | None = None

    @classmethod
    def columns(cls) -> dict[str, type]:
        return {}

    @classmethod
    def column_names(cls) -> list[str]:
        return list(cls.columns())

    @classmethod
    def format(cls) -> SchemaFormat:
        return SchemaFormat.PARQUET

    def __class_getitem__(
        cls, columns: dict[str, type] | None, fmt: SchemaFormat = SchemaFormat.PARQUET
    ) -> type[FlyteSchema]:
        logger.warning(_DEPRECATED)
        if columns is None:
            return FlyteSchema
        if not isinstance(columns, dict):
            raise AssertionError(
                f"Columns should be specified as an ordered dict of column names and their types, received {type(columns)}"
            )
        if not columns:
            return FlyteSchema
        if not isinstance(fmt, SchemaFormat):
            raise AssertionError(
                f"Only FlyteSchemaFormat types are supported, received format is {fmt} of type {type(fmt)}"
            )
        typed_columns, typed_format = columns, fmt

        class _TypedSchema(FlyteSchema):
            __origin__ = FlyteSchema
            __class_getitem__ = _HiddenAttribute()

            @classmethod
            def columns(cls) -> dict[str, type]:
                return typed_columns

            @classmethod
            def format(cls) -> SchemaFormat:
                return typed_format

        return _TypedSchema

    def __init__(
        self,
        local_path: str | None = None,
        remote_path: str | None = None,
        supported_mode: SchemaOpenMode = SchemaOpenMode.WRITE,
        downloader: Callable[[str, str], Any] | None = None,
    ) -> None:
        from flytekit.core.context_manager import FlyteContextManager

        logger.warning(_DEPRECATED)
        if supported_mode == SchemaOpenMode.READ and remote_path is None:
            raise ValueError("To create a FlyteSchema in read mode, remote_path is required")
        fa = FlyteContextManager.current_context().file_access
        self._local_path = local_path or fa.get_random_local_directory()
        self.remote_path = remote_path or fa.join(fa.raw_output_prefix, fa.get_random_string())
        self._supported_mode = supported_mode
        self._downloaded = False
        self._downloader = downloader

    @property
    def local_path(self) -> str:
        return self._local_path

    @property
    def supported_mode(self) -> SchemaOpenMode:
        return self._supported_mode

    def open(
        self, dataframe_fmt: type[Any] | None = None, override_mode: SchemaOpenMode | None = None
    ) -> SchemaReader[Any] | SchemaWriter[Any]:
        """A writer (write mode) or a reader (read mode, downloading first) for ``dataframe_fmt`` (pandas by default).

        A written schema may be reopened for reading with ``override_mode=SchemaOpenMode.READ``; a
        read-only one cannot be opened for writing.
        """
        if override_mode == SchemaOpenMode.WRITE and self._supported_mode == SchemaOpenMode.READ:
            raise AssertionError("Readonly schema cannot be opened in write mode!")
        mode = override_mode or self._supported_mode
        if dataframe_fmt is None:
            import pandas as pd

            dataframe_fmt = pd.DataFrame
        h = SchemaEngine.get_handler(dataframe_fmt)
        if h.handles_remote_io:
            path = typing.cast(str, self.remote_path)
        else:
            if self._supported_mode == SchemaOpenMode.READ and not self._downloaded:
                if self._downloader is None:
                    raise AssertionError("downloader cannot be None in read mode!")
                self._downloader(typing.cast(str, self.remote_path), self.local_path)
                self._downloaded = True
            path = self.local_path
        if mode == SchemaOpenMode.WRITE:
            return h.writer(path, self.columns(), self.format())
        return h.reader(path, self.columns(), self.format())

    def as_readonly(self) -> FlyteSchema:
        """This schema's data, already local, as a read-only schema."""
        if self._supported_mode == SchemaOpenMode.READ:
            return self
        readonly = FlyteSchema.__class_getitem__(self.columns(), self.format())(
            local_path=self.local_path, remote_path=self.remote_path or "", supported_mode=SchemaOpenMode.READ
        )
        readonly._downloaded = True
        return readonly

    # ---- as a dataclass field (mashumaro)
    def _serialize(self) -> dict[str, str | None]:
        from flytekit.core.context_manager import FlyteContextManager

        FlyteSchemaTransformer().to_literal(FlyteContextManager.current_context(), self, type(self), None)
        return {"remote_path": self.remote_path}

    @classmethod
    def _deserialize(cls, value: dict[str, Any]) -> FlyteSchema:
        return FlyteSchemaTransformer().dict_to_flyte_schema(value, cls)


_COLUMN_KINDS: dict[Any, str] = {
    float: "FLOAT",
    int: "INTEGER",
    bool: "BOOLEAN",
    str: "STRING",
    datetime.datetime: "DATETIME",
    datetime.timedelta: "DURATION",
}
_NUMPY_COLUMN_KINDS = {
    "int32": "INTEGER",
    "int64": "INTEGER",
    "uint32": "INTEGER",
    "uint64": "INTEGER",
    "float32": "FLOAT",
    "float64": "FLOAT",
    "bool_": "BOOLEAN",
    "datetime64": "DATETIME",
    "timedelta64": "DURATION",
    "bytes_": "STRING",
    "str_": "STRING",
    "object_": "STRING",
}
_PYTHON_OF_KIND = {
    "INTEGER": int,
    "FLOAT": float,
    "STRING": str,
    "DATETIME": datetime.datetime,
    "DURATION": datetime.timedelta,
    "BOOLEAN": bool,
}


def _column_kind(t: Any) -> str:
    if t in _COLUMN_KINDS:
        return _COLUMN_KINDS[t]
    np = sys.modules.get("numpy")
    if np is not None:
        for attr, kind in _NUMPY_COLUMN_KINDS.items():
            if t is getattr(np, attr, None):
                return kind
    raise AssertionError(f"type {t} is currently not supported by FlyteSchema")


class FlyteSchemaTransformer(TypeTransformer[FlyteSchema]):
    """``FlyteSchema`` (and dataframes declared as one) <-> ``schema`` literals."""

    _SUPPORTED_TYPES: ClassVar[dict[Any, str]] = _COLUMN_KINDS

    def __init__(self) -> None:
        super().__init__("FlyteSchema Transformer", FlyteSchema)

    def _get_schema_type(self, t: type[FlyteSchema]) -> types_pb2.SchemaType:
        columns = [
            types_pb2.SchemaType.SchemaColumn(name=name, type=_column_kind(column_type))
            for name, column_type in t.columns().items()
        ]
        return types_pb2.SchemaType(columns=columns)

    def assert_type(self, t: Any, v: Any) -> None:
        if (isinstance(t, type) and issubclass(t, FlyteSchema)) or isinstance(v, FlyteSchema):
            return
        try:
            SchemaEngine.get_handler(type(v))
        except ValueError as exc:
            raise TypeError(f"No automatic conversion found from type {type(v)} to FlyteSchema") from exc

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(schema=self._get_schema_type(t))

    def _literal(self, uri: str, python_type: Any) -> literals_pb2.Literal:
        schema = literals_pb2.Schema(uri=uri, type=self._get_schema_type(python_type))
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(schema=schema))

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType | None
    ) -> literals_pb2.Literal:
        fa = ctx.file_access
        if isinstance(python_val, FlyteSchema):
            remote_path = python_val.remote_path or fa.join(
                fa.raw_output_prefix, fa.get_random_string(), python_val.local_path.rstrip("/").split("/")[-1]
            )
            if python_val.supported_mode == SchemaOpenMode.READ and not python_val._downloaded:
                logger.debug(
                    "Not uploading %s: it was never downloaded, its data is still remote", python_val
                )
            else:
                remote_path = fa.put_data(python_val.local_path, remote_path, is_multipart=True)
            return self._literal(remote_path, python_type)
        schema = python_type(
            local_path=fa.get_random_local_directory(),
            remote_path=fa.join(fa.raw_output_prefix, fa.get_random_string()),
        )
        try:
            h = SchemaEngine.get_handler(type(python_val))
        except ValueError as exc:
            raise TypeTransformerFailedError(
                f"DataFrames of type {type(python_val)} are not supported currently"
            ) from exc
        writer = schema.open(type(python_val))
        assert isinstance(writer, SchemaWriter)
        writer.write(python_val)
        if not h.handles_remote_io:
            schema.remote_path = fa.put_data(schema.local_path, schema.remote_path, is_multipart=True)
        return self._literal(typing.cast(str, schema.remote_path), python_type)

    def dict_to_flyte_schema(self, dict_obj: dict[str, Any], expected_python_type: Any) -> FlyteSchema:
        from flytekit.core.context_manager import FlyteContextManager

        remote_path = dict_obj.get("remote_path")
        if remote_path is None:
            raise ValueError("FlyteSchema's path should not be None")
        return self.to_python_value(
            FlyteContextManager.current_context(),
            self._literal(remote_path, expected_python_type),
            expected_python_type,
        )

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> FlyteSchema:
        kind = lv.scalar.WhichOneof("value") if lv.WhichOneof("value") == "scalar" else None
        if kind == "binary":
            if lv.scalar.binary.tag != MESSAGEPACK:
                raise TypeTransformerFailedError(f"Unsupported binary format: `{lv.scalar.binary.tag}`")
            import msgpack  # type: ignore[import-untyped]

            return self.dict_to_flyte_schema(msgpack.loads(lv.scalar.binary.value), expected_python_type)
        if kind == "generic":
            from google.protobuf import json_format

            return self.dict_to_flyte_schema(
                json_format.MessageToDict(lv.scalar.generic), expected_python_type
            )
        if kind == "structured_dataset":
            uri = lv.scalar.structured_dataset.uri
        elif kind == "schema":
            uri = lv.scalar.schema.uri
        else:
            raise AssertionError("Can only convert a literal schema to a FlyteSchema")

        def downloader(remote: str, local: str) -> None:
            ctx.file_access.get_data(remote, local, is_multipart=True)

        value: FlyteSchema = expected_python_type(
            local_path=ctx.file_access.get_random_local_directory(),
            remote_path=uri,
            downloader=downloader,
            supported_mode=SchemaOpenMode.READ,
        )
        return value

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") != "schema":
            raise ValueError(f"Cannot reverse {literal_type}")
        columns: dict[str, type] = {}
        for column in literal_type.schema.columns:
            kind = types_pb2.SchemaType.SchemaColumn.SchemaColumnType.Name(column.type)
            if kind not in _PYTHON_OF_KIND:
                raise ValueError(f"Unknown schema column type {column}")
            columns[column.name] = _PYTHON_OF_KIND[kind]
        return FlyteSchema.__class_getitem__(columns)
