"""Prints literal types and literals of FlyteFile / FlyteDirectory cases as JSON, run by either flytekit.

Run in a scratch folder (it writes ``a.txt`` and ``d/``) with our interpreter or the reference
flytekit 1.16.31's; ``test_reference_files`` compares the outputs. Uploaded URIs are random, so a
literal's blob URI is normalised to ``RAW/<HASH>/<rest>`` when it lies under the raw output prefix.
"""

from __future__ import annotations

import json
import os
import re
import typing
from typing import Any

from flytekit import FlyteDirectory, FlyteFile
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.types.file import CSVFile

CSV = typing.TypeVar("csv")  # type: ignore[misc]  # flytekit users name the format this way

CASES: list[tuple[str, Any, Any]] = [
    ("file_remote", FlyteFile, "s3://bucket/key/a.txt"),
    ("file_value_remote", FlyteFile, FlyteFile("s3://bucket/x")),
    ("file_str_format", FlyteFile["csv"], "s3://bucket/k/a.csv"),  # type: ignore[misc]
    ("file_typevar_format", FlyteFile[CSV], "s3://bucket/k/a.csv"),  # type: ignore[misc]
    ("file_alias", CSVFile, "s3://bucket/k/b.csv"),
    ("file_pathlike", os.PathLike, "s3://bucket/k/c"),
    ("file_local_str", FlyteFile, "a.txt"),
    ("file_local_value", FlyteFile, FlyteFile("a.txt")),
    ("file_local_keep", FlyteFile, FlyteFile("a.txt", remote_path=False)),
    ("file_local_csv", FlyteFile["csv"], "a.txt"),  # type: ignore[misc]
    ("file_missing", FlyteFile, "missing.txt"),
    ("file_not_a_path", FlyteFile, 3),
    ("dir_remote", FlyteDirectory, "s3://bucket/d"),
    ("dir_format", FlyteDirectory["csv"], "s3://bucket/d"),  # type: ignore[misc]
    ("dir_typevar_format", FlyteDirectory[CSV], "s3://bucket/d"),  # type: ignore[misc]
    ("dir_local", FlyteDirectory, "d"),
    ("dir_local_value", FlyteDirectory, FlyteDirectory("d")),
    ("optional_file", FlyteFile | None, "s3://bucket/o.txt"),
    ("list_files", list[FlyteFile], ["s3://bucket/1", "s3://bucket/2"]),
]


def _proto(message: Any) -> Any:
    return message.to_flyte_idl() if hasattr(message, "to_flyte_idl") else message


def _normalise(literal: Any, raw: str) -> None:
    """Rewrite every blob URI under ``raw`` to ``RAW/<HASH>/...`` in place."""
    kind = literal.WhichOneof("value")
    if kind == "collection":
        for item in literal.collection.literals:
            _normalise(item, raw)
    elif kind == "scalar" and literal.scalar.WhichOneof("value") == "union":
        _normalise(literal.scalar.union.value, raw)
    elif kind == "scalar" and literal.scalar.WhichOneof("value") == "blob":
        uri = literal.scalar.blob.uri
        if uri.startswith(raw):
            literal.scalar.blob.uri = "RAW/" + re.sub(r"^[0-9a-f]{32}", "<HASH>", uri[len(raw) :].lstrip("/"))


def main() -> None:
    with open("a.txt", "w") as f:
        f.write("hello")
    os.makedirs(os.path.join("d", "sub"), exist_ok=True)
    for name in ("x.txt", os.path.join("sub", "y.txt")):
        with open(os.path.join("d", name), "w") as f:
            f.write(name)
    ctx = FlyteContextManager.current_context()
    raw = ctx.file_access.raw_output_prefix.rstrip("/")
    out: dict[str, dict[str, str]] = {}
    for name, python_type, value in CASES:
        try:
            literal_type = _proto(TypeEngine.to_literal_type(python_type))
            out[name] = {"type": literal_type.SerializeToString(deterministic=True).hex()}
            literal = _proto(
                TypeEngine.to_literal(ctx, value, python_type, TypeEngine.to_literal_type(python_type))
            )
            _normalise(literal, raw)
            out[name]["literal"] = literal.SerializeToString(deterministic=True).hex()
            out[name]["uri"] = literal.scalar.blob.uri if literal.scalar.WhichOneof("value") == "blob" else ""
        except Exception as exc:
            out.setdefault(name, {})["error"] = type(exc).__name__
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
