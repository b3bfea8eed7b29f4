"""What an annotation says about a dataset: its base type, columns, storage format and arrow schema.

``Annotated[pd.DataFrame, kwtypes(a=int), "csv"]`` -> (``pd.DataFrame``, ``{"a": int}``, ``"csv"``,
None). Columns may also be a dict or a dataclass-like class (its annotations); nested dicts and
dataclasses flatten to dotted names (``"x.y"``). Column types map to literal types: ints, floats,
bools, strings, datetimes, durations (and their numpy scalar types), lists and dicts of those.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime
import sys
import typing
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import types_pb2
else:
    types_pb2 = lazy_module("flyteidl.core.types_pb2")

StructuredDatasetFormat = str

_BUILTIN_COLUMN_TYPES = {
    int: "INTEGER",
    float: "FLOAT",
    bool: "BOOLEAN",
    str: "STRING",
    datetime.datetime: "DATETIME",
    datetime.timedelta: "DURATION",
}
_NUMPY_COLUMN_TYPES = {
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


class DatasetAnnotation(typing.NamedTuple):
    base_type: Any
    columns: collections.OrderedDict[str, Any] | None
    format: str
    arrow_schema: Any


def _is_arrow_schema(value: Any) -> bool:
    pa = sys.modules.get("pyarrow")
    return pa is not None and isinstance(value, pa.Schema)


def extract_cols_and_format(t: Any) -> DatasetAnnotation:
    """Split ``Annotated[T, ...]`` into its base type, columns, format and arrow schema (see module doc)."""
    if typing.get_origin(t) is not typing.Annotated:
        return DatasetAnnotation(t, None, "", None)
    base_type, *extras = typing.get_args(t)
    columns: collections.OrderedDict[str, Any] | None = None
    fmt = ""
    arrow_schema = None
    for extra in extras:
        # a later column map replaces an earlier one, as in flytekit 1.16
        if hasattr(extra, "__annotations__"):
            columns = collections.OrderedDict(extra.__annotations__)
        elif isinstance(extra, dict):
            columns = collections.OrderedDict(extra)
        elif isinstance(extra, str):
            if fmt:
                raise ValueError(f"A format was already specified {fmt}, cannot use {extra}")
            fmt = extra
        elif _is_arrow_schema(extra):
            if arrow_schema is not None:
                raise ValueError(f"Arrow schema was already found {arrow_schema}, cannot use {extra}")
            arrow_schema = extra
    return DatasetAnnotation(base_type, columns, fmt, arrow_schema)


def flatten_dict(sub_dict: dict[str, Any], parent_key: str = "") -> dict[str, Any]:
    """Nested column maps (dicts, dataclasses) as one map of dotted names to leaf types."""
    flat: dict[str, Any] = {}
    for key, value in sub_dict.items():
        name = f"{parent_key}.{key}" if parent_key else key
        if isinstance(value, dict):
            flat.update(flatten_dict(value, name))
        elif dataclasses.is_dataclass(value):
            fields = {f.name: f.type for f in dataclasses.fields(value)}
            flat.update(flatten_dict(fields, name))
        else:
            flat[name] = value
    return flat


def _simple_name(t: Any) -> str | None:
    if t in _BUILTIN_COLUMN_TYPES:
        return _BUILTIN_COLUMN_TYPES[t]
    np = sys.modules.get("numpy")
    if np is not None:
        for attr, simple in _NUMPY_COLUMN_TYPES.items():
            if t is getattr(np, attr, None):
                return simple
    return None


def column_literal_type(t: Any) -> types_pb2.LiteralType:
    """The literal type of one column of Python type ``t``."""
    simple = _simple_name(t)
    if simple is not None:
        return types_pb2.LiteralType(simple=simple)
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is list and args:
        return types_pb2.LiteralType(collection_type=column_literal_type(args[0]))
    if origin is dict and len(args) == 2:
        return types_pb2.LiteralType(map_value_type=column_literal_type(args[1]))
    raise AssertionError(f"type {t} is currently not supported by StructuredDataset")


def dataset_columns(
    columns: collections.OrderedDict[str, Any] | None,
) -> list[types_pb2.StructuredDatasetType.DatasetColumn]:
    """The typed columns of a column map (empty for none)."""
    if not columns:
        return []
    return [
        types_pb2.StructuredDatasetType.DatasetColumn(name=name, literal_type=column_literal_type(t))
        for name, t in flatten_dict(dict(columns)).items()
    ]


def dataset_type(t: Any) -> types_pb2.StructuredDatasetType:
    """The ``StructuredDatasetType`` a (possibly annotated) dataset type declares."""
    annotation = extract_cols_and_format(t)
    sdt = types_pb2.StructuredDatasetType(
        columns=dataset_columns(annotation.columns), format=annotation.format
    )
    if annotation.arrow_schema is not None:
        sdt.external_schema_type = "arrow"
        sdt.external_schema_bytes = annotation.arrow_schema.to_string().encode()
    return sdt
