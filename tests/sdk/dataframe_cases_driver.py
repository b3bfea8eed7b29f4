"""Literal types, literals and data files of dataframe cases as JSON, run by either flytekit.

``python dataframe_cases_driver.py write`` (in a scratch folder) converts every case with the type
engine, raw outputs going to ``./raw``; it records per case the literal type and literal (protobuf
bytes, hex; uploaded URIs normalised to ``RAW/<HASH>/...``), the files written and their digests,
and the value read back; it also saves the literals, unnormalised, to ``literals.json``.
``python dataframe_cases_driver.py read OTHER/literals.json`` reads the other SDK's literals back
the same way, so ``test_reference_dataframes`` can check each side reads what the other wrote.
Results go to ``written.json`` / ``read.json`` in the scratch folder.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable
from typing import Annotated, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from flytekit import kwtypes
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.type_engine import TypeEngine
from flytekit.types.schema import FlyteSchema
from flytekit.types.structured.structured_dataset import CSV, PARQUET, StructuredDataset

DF = pd.DataFrame(
    {
        "a": [1, 2, 3],
        "b": ["x", "y", "z"],
        "c": [0.5, 1.5, 2.5],
        "when": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
    }
)
TABLE = pa.table({"a": [1, 2], "b": ["p", "q"]})


@dataclasses.dataclass
class Holder:
    name: str
    data: StructuredDataset


def _local_dataset() -> StructuredDataset:
    os.makedirs("given", exist_ok=True)
    DF.to_parquet(os.path.join("given", "00000"))
    return StructuredDataset(uri="given")


# (case, python type, value factory, type to read the literal back as)
CASES: list[tuple[str, Any, Callable[[], Any] | None, Any]] = [
    ("pandas", pd.DataFrame, lambda: DF, pd.DataFrame),
    ("pandas_cols", Annotated[pd.DataFrame, kwtypes(a=int, b=str)], lambda: DF, pd.DataFrame),
    ("pandas_subset_read", pd.DataFrame, lambda: DF, Annotated[pd.DataFrame, kwtypes(c=float, a=int)]),
    ("pandas_csv_annotation", Annotated[pd.DataFrame, CSV], lambda: DF, pd.DataFrame),
    ("pandas_as_arrow", pd.DataFrame, lambda: DF, pa.Table),
    ("sd_pandas", StructuredDataset, lambda: StructuredDataset(dataframe=DF), pd.DataFrame),
    ("sd_csv", Annotated[StructuredDataset, CSV], lambda: StructuredDataset(dataframe=DF), pd.DataFrame),
    (
        "sd_csv_subset",
        Annotated[StructuredDataset, CSV],
        lambda: StructuredDataset(dataframe=DF[["a", "b"]]),
        Annotated[pd.DataFrame, kwtypes(b=str)],
    ),
    (
        "sd_cols_parquet",
        Annotated[StructuredDataset, kwtypes(a=int), PARQUET],
        lambda: StructuredDataset(dataframe=DF),
        StructuredDataset,
    ),
    ("sd_arrow", StructuredDataset, lambda: StructuredDataset(dataframe=TABLE), pa.Table),
    ("arrow", pa.Table, lambda: TABLE, pa.Table),
    ("arrow_as_pandas", pa.Table, lambda: TABLE, pd.DataFrame),
    ("sd_local_uri", StructuredDataset, _local_dataset, pd.DataFrame),
    (
        "sd_remote_uri",
        StructuredDataset,
        lambda: StructuredDataset(uri="s3://bucket/k", file_format="csv"),
        None,
    ),
    (
        "sd_remote_uri_typed",
        Annotated[StructuredDataset, PARQUET],
        lambda: StructuredDataset(uri="s3://bucket/k", file_format="csv"),
        None,
    ),
    ("sd_no_uri", StructuredDataset, lambda: StructuredDataset(), None),
    ("sd_not_wrapped", StructuredDataset, lambda: DF, None),
    ("numpy_ints", np.ndarray, lambda: np.arange(6).reshape(2, 3), np.ndarray),
    ("numpy_floats", np.ndarray, lambda: np.linspace(0.0, 1.0, 5), np.ndarray),
    (
        "numpy_pickled",
        Annotated[np.ndarray, kwtypes(allow_pickle=True)],
        lambda: np.array([{"k": 1}, None], dtype=object),
        Annotated[np.ndarray, kwtypes(allow_pickle=True)],
    ),
    ("numpy_bad_annotation", Annotated[np.ndarray, "x"], lambda: np.arange(2), None),
    ("dataclass_with_sd", Holder, lambda: Holder("h", StructuredDataset(dataframe=DF)), Holder),
    (
        "column_types",
        Annotated[
            pd.DataFrame,
            kwtypes(
                i=np.int32,
                f=np.float64,
                flag=bool,
                s=np.str_,
                t=np.datetime64,
                d=np.timedelta64,
                li=list[int],
                di=dict[str, float],
                nested={"x": int, "y": {"z": str}},
            ),
        ],
        None,
        None,
    ),
    ("column_unsupported", Annotated[pd.DataFrame, kwtypes(a=bytes)], None, None),
    ("arrow_schema", Annotated[pa.Table, pa.schema([("a", pa.int64())])], None, None),
    ("list_of_frames", list[pd.DataFrame], lambda: [DF, DF[["a"]]], list[pd.DataFrame]),
    ("dict_of_datasets", dict[str, StructuredDataset], lambda: {"k": StructuredDataset(dataframe=DF)}, None),
    ("optional_frame", pd.DataFrame | None, lambda: DF, pd.DataFrame | None),
    ("optional_frame_none", pd.DataFrame | None, lambda: None, pd.DataFrame | None),
    ("optional_array", np.ndarray | None, lambda: np.arange(3), np.ndarray | None),
    ("schema_typed", FlyteSchema[kwtypes(a=int, b=str)], lambda: DF, FlyteSchema[kwtypes(a=int, b=str)]),  # type: ignore[misc]
    ("schema_as_pandas", FlyteSchema[kwtypes(a=int, c=float)], lambda: DF, pd.DataFrame),  # type: ignore[misc]
    ("schema_untyped", FlyteSchema, lambda: DF, FlyteSchema),
    ("schema_read_as_subset", FlyteSchema, lambda: DF, Annotated[pd.DataFrame, kwtypes(b=str)]),
    (
        "schema_numpy_columns",
        FlyteSchema[  # type: ignore[misc]
            kwtypes(i=np.int32, f=np.float32, flag=np.bool_, t=datetime.datetime, d=datetime.timedelta)
        ],
        None,
        None,
    ),
    ("schema_bad_column", FlyteSchema[kwtypes(a=bytes)], None, None),  # type: ignore[misc]
    ("schema_wrong_value", FlyteSchema, lambda: 3, None),
]


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _proto(message: Any) -> Any:
    return message.to_flyte_idl() if hasattr(message, "to_flyte_idl") else message


def _normalise(text: str, raw: str) -> str:
    if raw and text.startswith(raw):
        text = "RAW/" + text[len(raw) :].lstrip("/")
    return re.sub(r"[0-9a-f]{32}", "<HASH>", text)


def _normalise_literal(literal: Any, raw: str) -> None:
    """Normalise every uploaded URI inside ``literal`` (a message), in place."""
    kind = literal.WhichOneof("value")
    if kind == "collection":
        for item in literal.collection.literals:
            _normalise_literal(item, raw)
    elif kind == "map":
        for item in literal.map.literals.values():
            _normalise_literal(item, raw)
    elif kind == "scalar":
        scalar = literal.scalar
        inner = scalar.WhichOneof("value")
        if inner == "union":
            _normalise_literal(scalar.union.value, raw)
        elif inner in ("structured_dataset", "blob", "schema"):
            holder = getattr(scalar, inner)
            holder.uri = _normalise(holder.uri, raw)


def _uri_of(literal: Any) -> str:
    scalar = literal.scalar
    kind = scalar.WhichOneof("value")
    if kind == "structured_dataset":
        return str(scalar.structured_dataset.uri)
    if kind == "blob":
        return str(scalar.blob.uri)
    if kind == "schema":
        return str(scalar.schema.uri)
    if kind == "union":
        return _uri_of(scalar.union.value)
    if kind == "binary":
        import msgpack  # type: ignore[import-untyped]

        return str(msgpack.loads(scalar.binary.value)["data"]["uri"])
    return ""


def _digests(uri: str) -> dict[str, str]:
    """Digest of every file at ``uri`` (a file or a folder), by name (random names normalised)."""
    if os.path.isfile(uri):
        return {_normalise(os.path.basename(uri), ""): _digest(uri)}
    found = {}
    for root, _dirs, names in os.walk(uri):
        for name in names:
            full = os.path.join(root, name)
            found[_normalise(os.path.relpath(full, uri), "")] = _digest(full)
    return dict(sorted(found.items()))


def canonical(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return {
            "columns": [str(c) for c in value.columns],
            "dtypes": [str(d) for d in value.dtypes],
            "rows": json.loads(value.to_json(orient="values", date_format="iso")),
        }
    if isinstance(value, pa.Table):
        return {"schema": str(value.schema), "data": json.loads(json.dumps(value.to_pydict(), default=str))}
    if isinstance(value, np.ndarray):
        return {"dtype": str(value.dtype), "shape": list(value.shape), "data": repr(value.tolist())}
    if isinstance(value, StructuredDataset):
        return {
            "sd_format": value.file_format,
            "sd_uri": value.uri,
            "frame": canonical(value.open(pd.DataFrame).all()),
        }
    if isinstance(value, list):
        return [canonical(v) for v in value]
    if value is None:
        return None
    if isinstance(value, FlyteSchema):
        reader: Any = value.open()
        return {"schema_columns": list(value.columns()), "frame": canonical(reader.all())}
    if isinstance(value, Holder):
        return {"name": value.name, "data": canonical(value.data)}
    return {"object": type(value).__name__}


def _read(ctx: Any, literal: Any, read_type: Any) -> dict[str, Any]:
    try:
        return {"read": canonical(TypeEngine.to_python_value(ctx, literal, read_type))}
    except Exception as exc:
        return {"read_error": type(exc).__name__}


def write(ctx: Any) -> None:
    raw = ctx.file_access.raw_output_prefix.rstrip("/")
    out: dict[str, dict[str, Any]] = {}
    saved: dict[str, str] = {}
    for name, python_type, make, read_type in CASES:
        case: dict[str, Any] = {}
        out[name] = case
        try:
            literal_type = TypeEngine.to_literal_type(python_type)
            case["type"] = _proto(literal_type).SerializeToString(deterministic=True).hex()
            if make is None:
                continue
            value = TypeEngine.to_literal(ctx, make(), python_type, literal_type)
            literal = _proto(value)
        except Exception as exc:
            case["error"] = type(exc).__name__
            continue
        saved[name] = base64.b64encode(literal.SerializeToString()).decode()
        uri = _uri_of(literal)
        case["uri"] = _normalise(uri, raw)
        if literal.scalar.WhichOneof("value") == "binary":
            import msgpack

            payload = msgpack.loads(literal.scalar.binary.value)
            payload["data"]["uri"] = _normalise(payload["data"]["uri"], raw)
            case["binary"] = payload
        else:
            normalised = type(literal)()
            normalised.CopyFrom(literal)
            _normalise_literal(normalised, raw)
            case["literal"] = normalised.SerializeToString(deterministic=True).hex()
        if os.path.exists(uri):
            case["digests"] = _digests(uri)
        if read_type is not None:
            case.update(_read(ctx, value, read_type))
    with open("literals.json", "w") as handle:
        json.dump(saved, handle)
    _report("written.json", out)


def read(ctx: Any, path: str) -> None:
    import flytekit
    from flyteidl.core import literals_pb2

    # the reference's type engine takes its model classes, ours takes the messages
    model_literal: Any = None
    if not flytekit.__version__.endswith("+flytepy"):
        from flytekit.models.literals import Literal as model_literal
    with open(path) as handle:
        saved = json.load(handle)
    out: dict[str, Any] = {}
    for name, _python_type, _make, read_type in CASES:
        if name in saved and read_type is not None:
            literal: Any = literals_pb2.Literal()
            literal.ParseFromString(base64.b64decode(saved[name]))
            if model_literal is not None:
                literal = model_literal.from_flyte_idl(literal)
            out[name] = _read(ctx, literal, read_type)
    _report("read.json", out)


def _report(name: str, results: dict[str, Any]) -> None:
    # a file, not stdout: the reference's rich logger prints its warnings to stdout
    with open(name, "w") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)


def main() -> None:
    here = os.getcwd()
    fa = FileAccessProvider(
        local_sandbox_dir=os.path.join(here, "sandbox"), raw_output_prefix=os.path.join(here, "raw")
    )
    builder = FlyteContextManager.current_context().with_file_access(fa)
    with FlyteContextManager.with_context(builder) as ctx:
        if sys.argv[1] == "write":
            write(ctx)
        else:
            read(ctx, sys.argv[2])


if __name__ == "__main__":
    main()
