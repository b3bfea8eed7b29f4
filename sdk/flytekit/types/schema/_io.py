"""Readers and writers behind ``FlyteSchema.open``, and the engine that finds them per dataframe type.

A schema is a local folder of part files ``00000``, ``00001``, ...; a writer adds one part per
dataframe, a reader reads every visible part (one dataframe from ``all()``, one per part from
``iter()``). ``SchemaEngine`` maps a dataframe type to a ``SchemaHandler`` (reader and writer
classes); the pandas handler is added the first time pandas is asked for after it was imported.
"""

from __future__ import annotations

import abc
import enum
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

T = TypeVar("T")


class SchemaFormat(enum.Enum):
    """How a schema is stored at rest (parquet only)."""

    PARQUET = "parquet"


class SchemaOpenMode(enum.Enum):
    READ = "r"
    WRITE = "w"


def generate_ordered_files(directory: os.PathLike[str], n: int) -> Iterator[str]:
    """``directory/00000``, ``directory/00001``, ... (``n`` names)."""
    for i in range(n):
        yield os.path.join(directory, f"{i:05}")


class SchemaReader(Generic[T]):
    """Reads a schema's data as dataframes of type ``T``."""

    def __init__(self, from_path: str, cols: dict[str, type] | None, fmt: SchemaFormat) -> None:
        self._from_path = from_path
        self._fmt = fmt
        self._columns = cols

    @property
    def from_path(self) -> str:
        return self._from_path

    @property
    def column_names(self) -> list[str] | None:
        return list(self._columns) if self._columns else None

    @abc.abstractmethod
    def iter(self, **kwargs: Any) -> Iterator[T]: ...

    @abc.abstractmethod
    def all(self, **kwargs: Any) -> T: ...


class SchemaWriter(Generic[T]):
    """Writes dataframes of type ``T`` as a schema's parts."""

    def __init__(self, to_path: str, cols: dict[str, type] | None, fmt: SchemaFormat) -> None:
        self._to_path = to_path
        self._fmt = fmt
        self._columns = cols
        self._file_name_gen = generate_ordered_files(Path(self._to_path), 1024)

    @property
    def to_path(self) -> str:
        return self._to_path

    @property
    def column_names(self) -> list[str] | None:
        return list(self._columns) if self._columns else None

    @abc.abstractmethod
    def write(self, *dfs: Any, **kwargs: Any) -> None: ...


def _visible_files(folder: str) -> list[Path]:
    with os.scandir(folder) as entries:
        return [Path(e.path) for e in entries if not e.name.startswith(".") and e.is_file()]


class LocalIOSchemaReader(SchemaReader[T]):
    """A reader of parts in a local folder; subclasses read files with ``_read``."""

    @abc.abstractmethod
    def _read(self, *path: os.PathLike[str], **kwargs: Any) -> T: ...

    def iter(self, **kwargs: Any) -> Iterator[T]:
        for path in _visible_files(self._from_path):
            yield self._read(path, **kwargs)

    def all(self, **kwargs: Any) -> T:
        return self._read(*_visible_files(self._from_path), **kwargs)


class LocalIOSchemaWriter(SchemaWriter[T]):
    """A writer of parts into a local folder; subclasses write one file with ``_write``."""

    @abc.abstractmethod
    def _write(self, df: T, path: os.PathLike[str], **kwargs: Any) -> None: ...

    def write(self, *dfs: Any, **kwargs: Any) -> None:
        for df in dfs:
            self._write(df, Path(next(self._file_name_gen)), **kwargs)


@dataclass
class SchemaHandler:
    """The reader and writer classes for one dataframe type (``handles_remote_io``: they take remote paths)."""

    name: str
    object_type: type[Any]
    reader: type[SchemaReader[Any]]
    writer: type[SchemaWriter[Any]]
    handles_remote_io: bool = False


class SchemaEngine:
    """Dataframe type -> ``SchemaHandler``."""

    _SCHEMA_HANDLERS: ClassVar[dict[type[Any], SchemaHandler]] = {}

    @classmethod
    def register_handler(cls, h: SchemaHandler) -> None:
        if h.object_type in cls._SCHEMA_HANDLERS:
            raise ValueError(
                f"SchemaHandler {cls._SCHEMA_HANDLERS[h.object_type].name} already registered for "
                f"{h.object_type}, cannot replace with {h.name}"
            )
        cls._SCHEMA_HANDLERS[h.object_type] = h

    @classmethod
    def get_handler(cls, t: type[Any]) -> SchemaHandler:
        if t not in cls._SCHEMA_HANDLERS and "pandas" in sys.modules:
            from flytekit.types.schema.types_pandas import register_pandas_schema_handler

            register_pandas_schema_handler()
        if t not in cls._SCHEMA_HANDLERS:
            raise ValueError(f"DataFrames of type {t} are not supported currently")
        return cls._SCHEMA_HANDLERS[t]
