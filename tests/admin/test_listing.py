"""The list-request grammar: filters, tokens and limits."""

from __future__ import annotations

import pytest

from flyteadmin.errors import InvalidArgument
from flyteadmin.repositories import SortOrder, UserFilter
from flyteadmin.services.listing import build_query, next_token, parse_filters
from flyteidl.admin import common_pb2


def test_filters_parse_functions_entities_and_lists() -> None:
    parsed = parse_filters(
        "eq(launch_plan.name,my.lp)+value_in(phase,RUNNING;QUEUED)+gte(execution_created_at, 2024-01-01T00:00:00+00:00)"
    )
    assert parsed == (
        UserFilter("eq", "launch_plan", "name", ("my.lp",)),
        UserFilter("value_in", None, "phase", ("RUNNING", "QUEUED")),
        UserFilter("gte", None, "execution_created_at", ("2024-01-01T00:00:00+00:00",)),
    )
    assert parse_filters("") == ()


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ("eq(phase)", "invalid value for filters"),
        ("like(name,x)", "unrecognized filter function: like"),
        ("name", "filters"),
    ],
)
def test_bad_filters_are_invalid_arguments(filters: str, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        parse_filters(filters)


def test_tokens_are_offsets_and_returned_only_for_full_pages() -> None:
    query = build_query(rpc="ListTasks", limit=2, token="4", sort_by=common_pb2.Sort(key="name"))
    assert (query.limit, query.offset, query.sort) == (2, 4, SortOrder("name", ascending=False))
    assert next_token(query, [1, 2]) == "6"
    assert next_token(query, [1]) == ""
    with pytest.raises(InvalidArgument, match="invalid pagination token abc for ListTasks"):
        build_query(rpc="ListTasks", limit=2, token="abc")
    with pytest.raises(InvalidArgument, match="limit"):
        build_query(rpc="ListTasks", limit=0)
    assert build_query(rpc="ListProjects", limit=0, limit_required=False).limit is None
