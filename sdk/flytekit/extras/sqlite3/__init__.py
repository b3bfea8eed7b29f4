"""SQLite queries as Flyte tasks: ``SQLite3Task`` with its ``SQLite3Config``."""

from flytekit.extras.sqlite3.task import SQLite3Config, SQLite3Task, SQLite3TaskExecutor

__all__ = ["SQLite3Config", "SQLite3Task", "SQLite3TaskExecutor"]
