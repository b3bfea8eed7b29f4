"""What every flytectl command shares: the config file, a FlyteRemote opened per command with
SDK errors turned into one-line CLI errors, and the ``-p``/``-d``/``-o``/``--filter.*`` options.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from flytekit.errors import FlyteException

if TYPE_CHECKING:
    from flyteidl.admin import common_pb2
    from flytekit.remote import FlyteRemote

F = TypeVar("F", bound=Callable[..., Any])

OUTPUT_FORMATS = ("table", "yaml", "json")


@dataclass(frozen=True)
class Session:
    """Root-level settings handed to every command through ``ctx.obj``."""

    config_file: str | None = None


@contextmanager
def admin_session(session: Session) -> Iterator[FlyteRemote]:
    """A connected ``FlyteRemote``; SDK errors become ``ClickException`` naming the endpoint."""
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    config = Config.auto(session.config_file)
    remote = FlyteRemote(config)
    try:
        yield remote
    except FlyteException as exc:
        raise click.ClickException(f"{exc} (admin at {config.platform.endpoint})") from exc
    finally:
        remote.close()


def project_domain_options(func: F) -> F:
    """``-p/--project`` and ``-d/--domain``, both required as flytectl requires them."""
    func = click.option("-d", "--domain", required=True, help="Domain of the entities.")(func)
    return click.option("-p", "--project", required=True, help="Project of the entities.")(func)


def output_option(func: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Choice(OUTPUT_FORMATS, case_sensitive=False),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


@dataclass(frozen=True)
class ListFilter:
    """flytectl's ``--filter.*`` flags: page size, field selector, sort key and direction."""

    limit: int
    field_selector: str
    sort_by: str
    asc: bool

    def filters(self) -> list[str]:
        return selector_to_filters(self.field_selector)

    def sort(self) -> common_pb2.Sort:
        from flyteidl.admin import common_pb2

        direction = common_pb2.Sort.ASCENDING if self.asc else common_pb2.Sort.DESCENDING
        return common_pb2.Sort(key=self.sort_by, direction=direction)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta[f"flytectl.{param.name}"] = value
    return value


def filter_options(func: F) -> F:
    """Adds the ``--filter.*`` flags; read them back with :func:`list_filter`."""
    options = [
        click.option(
            "--filter.limit",
            "limit",
            type=int,
            default=100,
            show_default=True,
            expose_value=False,
            callback=_remember,
            help="Maximum number of records.",
        ),
        click.option(
            "--filter.fieldSelector",
            "field_selector",
            default="",
            expose_value=False,
            callback=_remember,
            help="Field selector, e.g. 'phase=SUCCEEDED,name=abc' (also !=, >=, <=, >, <).",
        ),
        click.option(
            "--filter.sortBy",
            "sort_by",
            default="created_at",
            show_default=True,
            expose_value=False,
            callback=_remember,
            help="Field to sort by.",
        ),
        click.option(
            "--filter.asc",
            "asc",
            is_flag=True,
            expose_value=False,
            callback=_remember,
            help="Sort ascending (default descending).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def list_filter() -> ListFilter:
    """The ``--filter.*`` values of the command being run."""
    meta = click.get_current_context().meta
    return ListFilter(
        limit=meta["flytectl.limit"],
        field_selector=meta["flytectl.field_selector"],
        sort_by=meta["flytectl.sort_by"],
        asc=meta["flytectl.asc"],
    )


# Longest operators first so ">=" is not read as ">".
_SELECTOR = re.compile(r"^\s*([\w.]+)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$")
_OPERATORS = {"=": "eq", "!=": "ne", ">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}


def selector_to_filters(selector: str) -> list[str]:
    """``'phase=SUCCEEDED,name!=x'`` -> ``['eq(phase,SUCCEEDED)', 'ne(name,x)']`` (admin's syntax)."""
    filters = []
    for term in filter(None, (part.strip() for part in selector.split(","))):
        match = _SELECTOR.match(term)
        if match is None:
            raise click.BadParameter(
                f"{term!r} is not 'key=value' (operators: =, !=, >=, <=, >, <).",
                param_hint="--filter.fieldSelector",
            )
        key, operator, value = match.groups()
        filters.append(f"{_OPERATORS[operator]}({key},{value})")
    return filters
