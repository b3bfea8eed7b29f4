"""Turning a ``ListQuery`` into SQL: joins, WHERE clauses, ORDER BY and the offset page.

Each listed entity names the other entities a client may filter on (``eq(launch_plan.name,x)`` on
executions joins ``launch_plans``). A filter's field must be a real column of the entity it names,
else the call fails with ``'<code>.<field>' is invalid filter``. On execution-like tables the
identifier fields ``project``/``domain``/``name`` mean the execution's, as in Flyte. Values arrive as
strings and are converted by column type (integers, timestamps, durations in seconds or ``1h2m``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Integer,
    LargeBinary,
    Select,
    Table,
    and_,
    exists,
    select,
)

from flyteadmin.errors import InvalidArgument
from flyteadmin.repositories import tables
from flyteadmin.repositories.records import ListQuery, UserFilter

__all__ = [
    "ENTITIES",
    "Entity",
    "apply_filters",
    "apply_page",
    "apply_query",
    "parse_duration_ns",
    "sort_column",
]


@dataclass(frozen=True)
class Entity:
    """A filterable entity: its table, short code (for messages) and the joins allowed from it."""

    name: str
    code: str
    table: Table
    execution_like: bool = False
    # entity name -> ON clause joining that entity's table to this one
    joins: Mapping[str, Callable[[], ColumnElement[bool]]] = field(default_factory=dict)
    # one-to-many entities (an execution's tags): filtered through EXISTS so rows never repeat;
    # entity name -> the clause linking one of its rows to this entity's row
    exists: Mapping[str, Callable[[], ColumnElement[bool]]] = field(default_factory=dict)
    # filter field -> column, for entities whose filter names differ from their columns
    renames: Mapping[str, str] = field(default_factory=dict)


def _execution_key(other: Table) -> ColumnElement[bool]:
    e = tables.executions.c
    return and_(
        other.c.execution_project == e.execution_project,
        other.c.execution_domain == e.execution_domain,
        other.c.execution_name == e.execution_name,
    )


_E, _L, _W, _T = tables.executions.c, tables.launch_plans.c, tables.workflows.c, tables.tasks.c
_NE, _TE = tables.node_executions.c, tables.task_executions.c


def _tag_of_execution() -> ColumnElement[bool]:
    return _execution_key(tables.execution_tags)


ENTITIES: dict[str, Entity] = {
    "task": Entity("task", "t", tables.tasks),
    "workflow": Entity("workflow", "w", tables.workflows),
    "launch_plan": Entity(
        "launch_plan", "l", tables.launch_plans, joins={"workflow": lambda: _L.workflow_id == _W.id}
    ),
    "project": Entity("project", "p", tables.projects),
    "execution": Entity(
        "execution",
        "e",
        tables.executions,
        execution_like=True,
        joins={
            "launch_plan": lambda: _E.launch_plan_id == _L.id,
            "workflow": lambda: _E.workflow_id == _W.id,
            "task": lambda: _E.task_id == _T.id,
        },
        exists={"execution_tag": _tag_of_execution, "admin_tag": _tag_of_execution},
    ),
    "execution_tag": Entity("execution_tag", "et", tables.execution_tags),
    # Flyte's older admin tags: ``admin_tag.name`` is the tag's key.
    "admin_tag": Entity("admin_tag", "at", tables.execution_tags, renames={"name": "key"}),
    "node_execution": Entity(
        "node_execution",
        "ne",
        tables.node_executions,
        execution_like=True,
        joins={"execution": lambda: _execution_key(tables.node_executions)},
    ),
    "task_execution": Entity(
        "task_execution",
        "te",
        tables.task_executions,
        execution_like=True,
        joins={
            "execution": lambda: _execution_key(tables.task_executions),
            "node_execution": lambda: and_(
                _NE.execution_project == _TE.execution_project,
                _NE.execution_domain == _TE.execution_domain,
                _NE.execution_name == _TE.execution_name,
                _NE.node_id == _TE.node_id,
            ),
            "task": lambda: and_(
                _T.project == _TE.project,
                _T.domain == _TE.domain,
                _T.name == _TE.name,
                _T.version == _TE.version,
            ),
        },
    ),
    "named_entity_metadata": Entity("named_entity_metadata", "nem", tables.named_entity_metadata),
    "signal": Entity("signal", "s", tables.signals, execution_like=True),
}

_IDENTIFIER_FIELDS = {"project": "execution_project", "domain": "execution_domain", "name": "execution_name"}
_GO_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_GO_UNITS_NS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,
    "ms": 1_000_000,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}


def parse_duration_ns(text: str) -> int:
    """A duration given as seconds (``"1.5"``) or Go syntax (``"1h2m3s"``), in nanoseconds."""
    try:
        return int(float(text) * 10**9)
    except ValueError:
        pass
    body = text.strip()
    if not body or _GO_DURATION.sub("", body):
        raise InvalidArgument(
            f"invalid value for filters: duration {text!r} is neither seconds (e.g. 90.5) nor a "
            "duration like '1h2m3s'."
        )
    return int(sum(float(number) * _GO_UNITS_NS[unit] for number, unit in _GO_DURATION.findall(body)))


def _convert(column_name: str, column: Any, value: str) -> object:
    sql_type = column.type
    if column_name == "duration":
        return parse_duration_ns(value)
    if isinstance(sql_type, Boolean):
        if value.lower() not in ("true", "false", "1", "0"):
            raise InvalidArgument(
                f"invalid value for filters: {column_name} takes true or false, not {value!r}."
            )
        return value.lower() in ("true", "1")
    if isinstance(sql_type, Integer | BigInteger):
        try:
            return int(value)
        except ValueError as error:
            raise InvalidArgument(
                f"invalid value for filters: {column_name} takes an integer, not {value!r}."
            ) from error
    if isinstance(sql_type, tables.UtcDateTime):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise InvalidArgument(
                f"invalid value for filters: {column_name} takes an RFC 3339 time such as "
                f"2024-01-01T00:00:00Z, not {value!r}."
            ) from error
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return value


def _condition(entity: Entity, flt: UserFilter, primary: Entity) -> ColumnElement[bool]:
    if entity.renames:
        if flt.field not in entity.renames:
            raise InvalidArgument(f"'{entity.code}.{flt.field}' is invalid filter")
        flt = UserFilter(flt.function, flt.entity, entity.renames[flt.field], flt.values)
    if flt.field not in entity.table.c or isinstance(entity.table.c[flt.field].type, LargeBinary):
        raise InvalidArgument(f"'{entity.code}.{flt.field}' is invalid filter")
    column_name = flt.field
    if entity is primary and entity.execution_like and column_name in _IDENTIFIER_FIELDS:
        column_name = _IDENTIFIER_FIELDS[column_name]
    column = entity.table.c[column_name]
    values = [_convert(column_name, column, value) for value in flt.values]
    function = flt.function
    if function == "value_in":
        return column.in_(values)
    if function == "value_not_in":
        return column.not_in(values)
    if len(values) != 1:
        raise InvalidArgument(
            f"invalid value for filters: {function}({flt.field},...) takes one value; use value_in for lists."
        )
    value = values[0]
    if function == "eq":
        return column == value
    if function == "ne":
        return column != value
    if function == "gt":
        return column > value
    if function == "gte":
        return column >= value
    if function == "lt":
        return column < value
    if function == "lte":
        return column <= value
    if function == "contains":
        return column.contains(str(value), autoescape=True)
    if function == "not_like":
        return column.not_like(str(value))
    raise InvalidArgument(f"unrecognized filter function: {function}")


def apply_filters(statement: Select[Any], primary_name: str, query: ListQuery) -> Select[Any]:
    """``statement`` (a SELECT over the primary entity's table) narrowed by the query's scope and filters."""
    primary = ENTITIES[primary_name]
    joined: list[str] = []
    for column_name, value in query.scope.items():
        column = primary.table.c[column_name]
        statement = statement.where(column.is_(None) if value is None else column == value)
    through_exists: dict[str, list[ColumnElement[bool]]] = {}
    for flt in query.filters:
        entity_name = flt.entity or primary.name
        if entity_name in primary.exists:
            condition = _condition(ENTITIES[entity_name], flt, primary)
            through_exists.setdefault(entity_name, []).append(condition)
            continue
        if entity_name != primary.name:
            if entity_name not in primary.joins:
                raise InvalidArgument(f"'{entity_name}' entity is not allowed in filters")
            if entity_name not in joined:
                statement = statement.outerjoin(ENTITIES[entity_name].table, primary.joins[entity_name]())
                joined.append(entity_name)
        statement = statement.where(_condition(ENTITIES[entity_name], flt, primary))
    for entity_name, conditions in through_exists.items():
        # one row of the related table must satisfy all of the entity's filters at once
        related = ENTITIES[entity_name].table
        statement = statement.where(
            exists(select(related.c.id).where(primary.exists[entity_name](), *conditions))
        )
    return statement


def sort_column(primary_name: str, query: ListQuery) -> ColumnElement[Any] | None:
    """The column ``query.sort`` names, checked to exist on the primary entity (None if unsorted)."""
    if query.sort is None:
        return None
    table = ENTITIES[primary_name].table
    if query.sort.key not in table.c:
        raise InvalidArgument(f"invalid sort key '{query.sort.key}'")
    return table.c[query.sort.key]


def apply_page(statement: Select[Any], query: ListQuery) -> Select[Any]:
    if query.offset:
        statement = statement.offset(query.offset)
    if query.limit is not None:
        statement = statement.limit(query.limit)
    return statement


def apply_query(statement: Select[Any], primary_name: str, query: ListQuery) -> Select[Any]:
    """``statement`` narrowed, ordered (sort key, then primary key for stable pages) and paged."""
    statement = apply_filters(statement, primary_name, query)
    column = sort_column(primary_name, query)
    if column is not None:
        assert query.sort is not None
        statement = statement.order_by(column.asc() if query.sort.ascending else column.desc())
    primary_key = ENTITIES[primary_name].table.primary_key.columns
    statement = statement.order_by(*(key.asc() for key in primary_key))
    return apply_page(statement, query)
