"""``SQLite3Task``: a query on an SQLite database file, run in a pre-built image, returning a dataframe.

The task is template-driven (``PythonCustomizedContainerTask``): its template's ``custom`` holds
``query_template``, ``uri`` and ``compressed``, and ``SQLite3TaskExecutor`` is all that runs. It
downloads the database from ``uri`` (any path or URI the file access layer reads), unpacks it first
when ``compressed`` (one file inside a zip/tar archive), fills the ``{{ .inputs.x }}`` holes of the
query and reads the result with pandas. The single output, ``results``, is a ``FlyteSchema`` unless
``output_schema_type`` says otherwise (typically a ``StructuredDataset`` or ``pandas.DataFrame``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.configuration import DefaultImages, SerializationSettings
from flytekit.core.base_sql_task import SQLTask
from flytekit.core.base_task import kwtypes
from flytekit.core.context_manager import FlyteContext
from flytekit.core.python_customized_container_task import PythonCustomizedContainerTask
from flytekit.core.shim_task import ShimTaskExecutor

if TYPE_CHECKING:
    import pandas as pd

    from flytekit.models.task import TaskTemplate
else:
    pd = lazy_module("pandas")

logger = logging.getLogger(__name__)

_ARCHIVE_FOLDER = "_arch"


def unarchive_file(local_path: str, to_dir: str) -> str:
    """Unpack the archive at ``local_path`` under ``to_dir``; the path of the one file it must hold."""
    archive_dir = os.path.join(to_dir, _ARCHIVE_FOLDER)
    shutil.unpack_archive(local_path, archive_dir)
    files = os.listdir(archive_dir)
    if len(files) != 1:
        raise RuntimeError(
            f"The SQLite archive {os.path.basename(local_path)!r} must hold exactly one file (the database); "
            f"found {files}."
        )
    return os.path.join(archive_dir, files[0])


@dataclass
class SQLite3Config:
    """Where the database is: ``uri`` (a local path or a URI), ``compressed`` if it is an archive.

    Archives may be zip, tar, gztar, bztar or xztar, holding the database as their only file.
    """

    uri: str
    compressed: bool = False


class SQLite3Task(PythonCustomizedContainerTask[SQLite3Config], SQLTask):
    """Runs ``query_template`` on an SQLite database; outputs ``results`` (see the module docstring).

    This is a pre-built container task: on a cluster it runs in ``container_image`` (the default
    flytekit image), never in the user's image.
    """

    _SQLITE_TASK_TYPE = "sqlite"

    def __init__(
        self,
        name: str,
        query_template: str,
        inputs: dict[str, type] | None = None,
        task_config: SQLite3Config | None = None,
        output_schema_type: type | None = None,
        container_image: str | None = None,
        **kwargs: Any,
    ) -> None:
        if task_config is None or task_config.uri is None:
            raise ValueError(
                f"SQLite3Task '{name}' needs the database: pass task_config=SQLite3Config(uri=...)."
            )
        if output_schema_type is None:
            from flytekit.types.schema import FlyteSchema

            output_schema_type = FlyteSchema
        super().__init__(
            name=name,
            task_config=task_config,
            container_image=container_image or DefaultImages.default_image(),
            executor_type=SQLite3TaskExecutor,
            task_type=self._SQLITE_TASK_TYPE,
            query_template=query_template,
            inputs=inputs,
            outputs=kwtypes(results=output_schema_type),
            **kwargs,
        )

    @property
    def output_columns(self) -> list[str] | None:
        results = self.python_interface.outputs["results"]
        column_names = getattr(results, "column_names", None)
        columns = column_names() if column_names is not None else None
        return list(columns) if columns else None

    def get_custom(self, settings: SerializationSettings) -> dict[str, Any]:
        return {
            "query_template": self.query_template,
            "uri": self.task_config.uri,
            "compressed": self.task_config.compressed,
        }


class SQLite3TaskExecutor(ShimTaskExecutor[SQLite3Task]):
    """Downloads the database, fills the query, and returns its rows as a pandas DataFrame."""

    def execute_from_model(self, tt: TaskTemplate, **kwargs: Any) -> Any:
        custom = tt.custom or {}
        missing = [key for key in ("query_template", "uri", "compressed") if key not in custom]
        if missing:
            raise ValueError(
                f"Task template '{tt.id.name}' lacks {missing} in custom; it was not serialized by an SQLite3Task."
            )
        with tempfile.TemporaryDirectory() as temp_dir:
            ctx = FlyteContext.current_context()
            local_path = os.path.join(temp_dir, os.path.basename(custom["uri"]))
            ctx.file_access.get_data(custom["uri"], local_path)
            if custom["compressed"]:
                local_path = unarchive_file(local_path, temp_dir)
            query = SQLite3Task.interpolate_query(custom["query_template"], **kwargs)
            logger.info("Running %r on SQLite database %s", query, local_path)
            with contextlib.closing(sqlite3.connect(local_path)) as connection:
                return pd.read_sql_query(query, connection)
