"""Persistence: one narrow repository interface per aggregate, each with a SQLAlchemy implementation,
bound together by a unit of work (one transaction). Services depend on the interfaces only."""

from flyteadmin.repositories.database import Database, SqlUnitOfWork, UnitOfWork, UnitOfWorkFactory
from flyteadmin.repositories.records import (
    ExecutionRecord,
    LaunchPlanRecord,
    ListQuery,
    NamedEntityMetadataRecord,
    NodeExecutionRecord,
    ProjectRecord,
    SortOrder,
    TaskExecutionRecord,
    TaskRecord,
    UserFilter,
    WorkflowRecord,
)

__all__ = [
    "Database",
    "ExecutionRecord",
    "LaunchPlanRecord",
    "ListQuery",
    "NamedEntityMetadataRecord",
    "NodeExecutionRecord",
    "ProjectRecord",
    "SortOrder",
    "SqlUnitOfWork",
    "TaskExecutionRecord",
    "TaskRecord",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserFilter",
    "WorkflowRecord",
]
