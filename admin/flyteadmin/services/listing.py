"""List requests: the ``filters`` mini-language, sort keys, limits and offset tokens.

``filters`` is one or more ``func(field,value)`` expressions joined by ``+`` (all must hold);
``value_in``/``value_not_in`` take ``;``-separated values; a field may be qualified by an entity
(``launch_plan.name``). The page ``token`` is the offset as a decimal string, and the next token is
returned only when a full page came back (so a client may see one extra, empty page). Listed
error messages are cut short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from flyteadmin.errors import InvalidArgument
from flyteadmin.repositories import ListQuery, SortOrder, UserFilter
from flyteadmin.services.validation import require
from flyteidl.admin import common_pb2, execution_pb2, node_execution_pb2, task_execution_pb2

__all__ = [
    "FUNCTIONS",
    "ListRequest",
    "build_query",
    "named_ids_query",
    "next_token",
    "parse_filters",
    "parse_token",
    "request_query",
    "resource_query",
    "shorten_error",
]

ListRequest = (
    common_pb2.ResourceListRequest
    | common_pb2.NamedEntityIdentifierListRequest
    | node_execution_pb2.NodeExecutionListRequest
    | task_execution_pb2.TaskExecutionListRequest
)
"""The list requests that carry ``limit``, ``token``, ``filters`` and ``sort_by``."""

FUNCTIONS = frozenset(
    {"eq", "ne", "gt", "gte", "lt", "lte", "contains", "not_like", "value_in", "value_not_in"}
)
_EXPRESSION = re.compile(r"^(.+)\((.+),\s?(.+)\)$")
_ENTITY_PREFIXES = {
    "task",
    "workflow",
    "launch_plan",
    "execution",
    "node_execution",
    "task_execution",
    "entities",
    "named_entity_metadata",
    "project",
    "signal",
    "admin_tag",
    "execution_admin_tag",
    "execution_tag",
}

T = TypeVar("T")
_LIST_ERROR_MESSAGE_BYTES = 100


def _split_expressions(filters: str) -> list[str]:
    # '+' separates expressions only outside parentheses (values such as timestamps may hold '+').
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in filters:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "+" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_filters(filters: str) -> tuple[UserFilter, ...]:
    """Parse a ``filters`` string; INVALID_ARGUMENT naming the bad expression otherwise."""
    if not filters.strip():
        return ()
    parsed: list[UserFilter] = []
    for expression in _split_expressions(filters.strip()):
        match = _EXPRESSION.match(expression.strip())
        if match is None:
            raise InvalidArgument(
                f"invalid value for filters: {expression!r} is not of the form func(field,value), e.g. "
                "eq(phase,SUCCEEDED)."
            )
        function, field, value = (group.strip() for group in match.groups())
        if function not in FUNCTIONS:
            raise InvalidArgument(f"unrecognized filter function: {function}")
        entity: str | None = None
        if "." in field:
            prefix, _, rest = field.partition(".")
            if prefix in _ENTITY_PREFIXES:
                entity, field = prefix, rest
        values = tuple(value.split(";")) if function in ("value_in", "value_not_in") else (value,)
        parsed.append(UserFilter(function=function, entity=entity, field=field, values=values))
    return tuple(parsed)


def parse_token(token: str, rpc: str) -> int:
    if not token:
        return 0
    try:
        offset = int(token)
    except ValueError as error:
        raise InvalidArgument(
            f"invalid pagination token {token} for {rpc}; pass back the token you received."
        ) from error
    if offset < 0:
        raise InvalidArgument(f"invalid pagination token {token} for {rpc}; it cannot be negative.")
    return offset


def build_query(
    *,
    rpc: str,
    limit: int,
    token: str = "",
    filters: str = "",
    sort_by: common_pb2.Sort | None = None,
    scope: dict[str, object] | None = None,
    limit_required: bool = True,
    extra_filters: Sequence[UserFilter] = (),
) -> ListQuery:
    """The repository query for a list request."""
    if limit_required and limit <= 0:
        raise InvalidArgument("invalid value for limit; ask for at least one item (limit > 0).")
    sort = None
    if sort_by is not None and sort_by.key:
        sort = SortOrder(key=sort_by.key, ascending=sort_by.direction == common_pb2.Sort.ASCENDING)
    return ListQuery(
        scope=dict(scope or {}),
        filters=(*parse_filters(filters), *extra_filters),
        sort=sort,
        limit=limit if limit > 0 else None,
        offset=parse_token(token, rpc),
    )


def next_token(query: ListQuery, page: Sequence[T]) -> str:
    """The token of the page after ``page``: the next offset if the page was full, else empty."""
    if query.limit is not None and len(page) == query.limit:
        return str(query.offset + len(page))
    return ""


def request_query(
    request: ListRequest,
    *,
    rpc: str,
    scope: dict[str, object],
    extra_filters: Sequence[UserFilter] = (),
) -> ListQuery:
    """``build_query`` with the limit, token, filters and sort key of ``request``."""
    return build_query(
        rpc=rpc,
        limit=request.limit,
        token=request.token,
        filters=request.filters,
        sort_by=request.sort_by if request.HasField("sort_by") else None,
        scope=scope,
        extra_filters=extra_filters,
    )


def resource_query(request: common_pb2.ResourceListRequest, rpc: str) -> ListQuery:
    """The versions of one kind of registered entity in a project/domain, of one name if given."""
    require(request.id.project, "project")
    require(request.id.domain, "domain")
    scope: dict[str, object] = {"project": request.id.project, "domain": request.id.domain}
    if request.id.name:
        scope["name"] = request.id.name
    return request_query(request, rpc=rpc, scope=scope)


def named_ids_query(request: common_pb2.NamedEntityIdentifierListRequest, rpc: str) -> ListQuery:
    """The distinct names of one kind of registered entity in a project/domain."""
    require(request.project, "project")
    require(request.domain, "domain")
    return request_query(request, rpc=rpc, scope={"project": request.project, "domain": request.domain})


def shorten_error(closure: execution_pb2.ExecutionClosure | node_execution_pb2.NodeExecutionClosure) -> None:
    """Cut a listed closure's error message to its first 100 bytes, as Flyte's list responses do."""
    if closure.WhichOneof("output_result") == "error":
        text = closure.error.message.encode()[:_LIST_ERROR_MESSAGE_BYTES]
        closure.error.message = text.decode(errors="ignore")
