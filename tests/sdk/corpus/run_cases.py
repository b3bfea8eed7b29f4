"""Run the corpus's cases with whichever flytekit this interpreter has; write canonical JSON results.

Usage: ``python run_cases.py OUT.json [MODULE ...]`` from the folder holding ``corpus_flows``.
Without modules, every ``corpus_flows`` module runs (sorted by name). Each module's ``CASES``
maps a case id to a zero-argument callable; its return value (awaited when it is a coroutine) is
turned into plain JSON by ``canonical``, and an exception is recorded by its class name. Both our
interpreter and the reference flytekit's run this same file, so it may only use the standard
library, flytekit's public names and, when the values are of those kinds, pandas/pyarrow/numpy.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import enum
import hashlib
import importlib
import inspect
import json
import math
import os
import pkgutil
import sys
import traceback
from pathlib import Path
from typing import Any


def _digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _local_path(value: Any) -> str:
    """The local file behind a FlyteFile/FlyteDirectory (downloading it when it is remote)."""
    if hasattr(value, "download"):
        return str(value.download())
    return str(os.fspath(value))


def _folder(path: str) -> dict[str, str]:
    found = {}
    for root, _dirs, files in os.walk(path):
        for name in files:
            full = os.path.join(root, name)
            found[os.path.relpath(full, path)] = _digest(full)
    return dict(sorted(found.items()))


def _by_class_name(value: Any) -> set[str]:
    return {cls.__name__ for cls in type(value).__mro__}


def canonical(value: Any) -> Any:
    """A JSON form of ``value`` that two faithful flytekit implementations agree on."""
    names = _by_class_name(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, enum.Enum):
        return {"enum": type(value).__name__, "value": canonical(value.value)}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"timedelta": value.total_seconds()}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        fields = {name: canonical(getattr(value, name)) for name in value._fields}
        return {"namedtuple": type(value).__name__, "fields": fields}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return {"set": sorted(json.dumps(canonical(item), sort_keys=True) for item in value)}
    if isinstance(value, dict):
        return {
            "dict": [
                [canonical(k), canonical(v)] for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))
            ]
        }
    if "FlyteFile" in names:
        path = _local_path(value)
        return {"file": os.path.basename(path), "sha256": _digest(path)}
    if "FlyteDirectory" in names:
        return {"directory": _folder(_local_path(value))}
    if "StructuredDataset" in names:
        pandas = importlib.import_module("pandas")
        return {"structured_dataset": canonical(value.open(pandas.DataFrame).all())}
    if "DataFrame" in names and hasattr(value, "to_dict"):
        return {
            "dataframe": {
                "columns": [str(c) for c in value.columns],
                "dtypes": [str(d) for d in value.dtypes],
                "rows": canonical(value.values.tolist()),
            }
        }
    if "Table" in names and hasattr(value, "to_pydict"):
        return {"arrow": {"schema": str(value.schema), "data": canonical(value.to_pydict())}}
    if "ndarray" in names and hasattr(value, "tolist"):
        return {
            "ndarray": {
                "dtype": str(value.dtype),
                "shape": list(value.shape),
                "data": canonical(value.tolist()),
            }
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"dataclass": type(value).__name__, "fields": fields}
    if "BaseModel" in names and hasattr(value, "model_dump"):
        fields = {name: canonical(getattr(value, name)) for name in type(value).model_fields}
        return {"model": type(value).__name__, "fields": fields}
    if isinstance(value, os.PathLike):
        return {"path_content": _digest(os.fspath(value))}
    return {"object": type(value).__name__}


def run_case(fn: Any) -> Any:
    try:
        result = fn()
        if inspect.iscoroutine(result):
            result = asyncio.run(result)
        return {"value": canonical(result)}
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return {
            "error": type(exc).__name__,
            "mro": [cls.__name__ for cls in type(exc).__mro__],
            "detail": "".join(traceback.format_exception_only(exc)).strip(),
        }


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    modules = argv[1:] or sorted(
        info.name
        for info in pkgutil.iter_modules([str(here / "corpus_flows")])
        if not info.name.startswith("_")
    )
    results: dict[str, Any] = {}
    for name in modules:
        try:
            module = importlib.import_module(f"corpus_flows.{name}")
        except BaseException as exc:
            results[f"{name}:<import>"] = {"error": type(exc).__name__, "detail": traceback.format_exc()}
            continue
        for case_id, fn in module.CASES.items():
            results[f"{name}:{case_id}"] = run_case(fn)
    out.write_text(json.dumps(results, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
