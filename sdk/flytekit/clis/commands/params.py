"""Command-line text to typed Python values for ``pyflyte run`` entity inputs.

Each input of a task or workflow becomes an option ``--<name>`` whose click type follows the
input's Python type: ``int``, ``float``, ``str``, ``bool`` (a ``--x/--no-x`` flag), ``datetime``
(``now``, ``today``, ISO 8601, ``now - 1d``), ``timedelta`` (``1d``, ``2h30m``, ``1:24``), enums
(a choice of their values), ``FlyteFile``/``FlyteDirectory`` (a local path or a remote URI), unions
(each member tried in turn, strings last) and JSON (or YAML) text -- or the path of a JSON/YAML file
-- for lists, dicts, dataclasses, pydantic models and anything else. Values parsed from JSON are
checked and converted element by element (``1`` for a ``float`` becomes ``1.0``, a string for a
``datetime`` is parsed, a dict for a dataclass builds the dataclass), so the type engine receives
exactly the declared types.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import types
import typing
from pathlib import Path
from typing import Any

import click
import yaml

from flytekit.clis.commands.timeparsing import parse_datetime, parse_duration

NoneType = type(None)


class CoercionError(ValueError):
    """A parsed value does not fit the declared type; the message says where and what was expected."""


def _describe(python_type: Any) -> str:
    return getattr(python_type, "__name__", None) or str(python_type)


def _strip_annotated(python_type: Any) -> Any:
    if typing.get_origin(python_type) is typing.Annotated:
        return typing.get_args(python_type)[0]
    return python_type


def union_members(python_type: Any) -> list[Any] | None:
    """The members of a ``Union``/``X | Y`` (``None`` for other types)."""
    if typing.get_origin(python_type) in (typing.Union, types.UnionType):
        return list(typing.get_args(python_type))
    return None


def unwrap_optional(python_type: Any) -> tuple[Any, bool]:
    """``Optional[T]`` -> ``(T, True)``; anything else -> ``(type, False)``."""
    python_type = _strip_annotated(python_type)
    members = union_members(python_type)
    if members is not None:
        args = [arg for arg in members if arg is not NoneType]
        if len(args) == 1 and len(members) == 2:
            return args[0], True
    return python_type, False


def _blob_family(python_type: Any) -> str | None:
    """``"file"`` / ``"directory"`` for FlyteFile / FlyteDirectory (and their format variants)."""
    from flytekit.types.directory import FlyteDirectory
    from flytekit.types.file import FlyteFile

    if isinstance(python_type, type):
        if issubclass(python_type, FlyteDirectory):
            return "directory"
        if issubclass(python_type, FlyteFile):
            return "file"
    return None


def _is_pydantic_model(python_type: Any) -> bool:
    return isinstance(python_type, type) and hasattr(python_type, "model_validate")


def _coerce_dataclass(value: Any, python_type: Any, where: str) -> Any:
    if isinstance(value, python_type):
        return value
    if not isinstance(value, dict):
        raise CoercionError(f"{where}: expected an object for {_describe(python_type)}, got {value!r}")
    hints = typing.get_type_hints(python_type)
    fields = {field.name: field for field in dataclasses.fields(python_type) if field.init}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise CoercionError(f"{where}: {_describe(python_type)} has no field(s) {', '.join(unknown)}")
    kwargs = {
        name: coerce(item, hints.get(name, Any), f"{where}.{name}")
        for name, item in value.items()
        if name in fields
    }
    try:
        return python_type(**kwargs)
    except TypeError as exc:
        raise CoercionError(f"{where}: cannot build {_describe(python_type)}: {exc}") from exc


def _coerce_union(value: Any, members: list[Any], where: str) -> Any:
    ordered = [m for m in members if m is not str] + [m for m in members if m is str]
    problems = []
    for member in ordered:
        try:
            return coerce(value, member, where)
        except CoercionError as exc:
            problems.append(str(exc))
    raise CoercionError(
        f"{where}: {value!r} fits none of {', '.join(_describe(m) for m in members)} ({'; '.join(problems)})"
    )


def coerce(value: Any, python_type: Any, where: str = "value") -> Any:
    """Check ``value`` (parsed from JSON/YAML) against ``python_type`` and convert where lossless."""
    python_type = _strip_annotated(python_type)
    inner, optional = unwrap_optional(python_type)
    if value is None:
        if optional or python_type is Any or python_type is NoneType:
            return None
        raise CoercionError(f"{where}: null given where {_describe(python_type)} is required")
    python_type = inner
    if python_type is Any:
        return value
    members = union_members(python_type)
    if members is not None:
        return _coerce_union(value, members, where)
    origin = typing.get_origin(python_type)
    args = typing.get_args(python_type)
    if python_type is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise CoercionError(f"{where}: expected a bool, got {value!r}")
    if python_type is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise CoercionError(f"{where}: expected an int, got {value!r}")
    if python_type is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise CoercionError(f"{where}: expected a float, got {value!r}")
    if python_type is str:
        if isinstance(value, str):
            return value
        raise CoercionError(f"{where}: expected a string, got {value!r}")
    if python_type is datetime.datetime:
        return _coerce_datetime(value, where)
    if python_type is datetime.date:
        if isinstance(value, datetime.date):
            return value
        return _coerce_datetime(value, where).date()
    if python_type is datetime.timedelta:
        return _coerce_duration(value, where)
    if isinstance(python_type, type) and issubclass(python_type, enum.Enum):
        return _coerce_enum(value, python_type, where)
    family = _blob_family(python_type)
    if family is not None:
        if isinstance(value, python_type):
            return value
        if not isinstance(value, str):
            raise CoercionError(f"{where}: expected a path or URI for a {family}, got {value!r}")
        return python_type(value)
    if origin is list or python_type is list:
        if not isinstance(value, list):
            raise CoercionError(f"{where}: expected a list, got {value!r}")
        element = args[0] if args else Any
        return [coerce(item, element, f"{where}[{index}]") for index, item in enumerate(value)]
    if origin is dict or python_type is dict:
        if not isinstance(value, dict):
            raise CoercionError(f"{where}: expected a dictionary, got {value!r}")
        key_type, value_type = args if len(args) == 2 else (Any, Any)
        return {
            coerce(key, key_type, f"{where} key"): coerce(item, value_type, f"{where}[{key!r}]")
            for key, item in value.items()
        }
    if dataclasses.is_dataclass(python_type) and isinstance(python_type, type):
        return _coerce_dataclass(value, python_type, where)
    if _is_pydantic_model(python_type):
        if isinstance(value, python_type):
            return value
        try:
            return python_type.model_validate(value)
        except ValueError as exc:
            raise CoercionError(f"{where}: not a valid {_describe(python_type)}: {exc}") from exc
    return value


def _coerce_datetime(value: Any, where: str) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError as exc:
            raise CoercionError(f"{where}: {exc}") from exc
    raise CoercionError(f"{where}: expected a date/time, got {value!r}")


def _coerce_duration(value: Any, where: str) -> datetime.timedelta:
    if isinstance(value, datetime.timedelta):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.timedelta(seconds=value)
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise CoercionError(f"{where}: {exc}") from exc
    raise CoercionError(f"{where}: expected a duration, got {value!r}")


def _coerce_enum(value: Any, enum_type: type[enum.Enum], where: str) -> enum.Enum:
    if isinstance(value, enum_type):
        return value
    for member in enum_type:
        if value == member.value or str(value) == str(member.value) or value == member.name:
            return member
    choices = ", ".join(str(member.value) for member in enum_type)
    raise CoercionError(f"{where}: {value!r} is not one of {choices}")


def load_structured_text(text: str) -> Any:
    """Parse JSON, else YAML; a path to an existing ``.json``/``.yaml``/``.yml`` file is read first."""
    candidate = Path(text)
    if candidate.suffix in (".json", ".yaml", ".yml") and candidate.is_file():
        text = candidate.read_text()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return yaml.safe_load(text)


def _where(param: click.Parameter | None) -> str:
    return f"input {param.name!r}" if param is not None and param.name else "value"


class CoercingParamType(click.ParamType[Any]):
    """A click type that turns text into ``python_type`` through :func:`coerce`."""

    def __init__(self, python_type: Any, name: str) -> None:
        self.python_type = python_type
        self.name = name

    def parse_text(self, value: str) -> Any:
        return value

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            if isinstance(value, str):
                value = self.parse_text(value)
            return coerce(value, self.python_type, _where(param))
        except (CoercionError, yaml.YAMLError) as exc:
            self.fail(str(exc), param, ctx)


class JsonParamType(CoercingParamType):
    """Lists, dicts, dataclasses and other structured inputs, as JSON/YAML text or a file holding it."""

    def __init__(self, python_type: Any) -> None:
        origin = typing.get_origin(python_type) or python_type
        name = "json list" if origin is list else "json dictionary" if origin is dict else "json object"
        super().__init__(python_type, name)

    def parse_text(self, value: str) -> Any:
        try:
            return load_structured_text(value)
        except yaml.YAMLError as exc:
            raise CoercionError(f"{value!r} is neither JSON nor YAML: {exc}") from exc


class DateTimeParamType(CoercingParamType):
    def __init__(self, python_type: Any = datetime.datetime) -> None:
        super().__init__(python_type, "datetime")


class DurationParamType(CoercingParamType):
    def __init__(self) -> None:
        super().__init__(datetime.timedelta, "duration")


class BlobParamType(CoercingParamType):
    """FlyteFile/FlyteDirectory: a local path (must exist) or a remote URI (``s3://``, ``http://``...)."""

    def __init__(self, python_type: Any, family: str) -> None:
        super().__init__(python_type, f"{family} path or URI")
        self.family = family

    def parse_text(self, value: str) -> Any:
        if "://" not in value:
            path = Path(value)
            if not path.exists():
                raise CoercionError(f"local {self.family} {value!r} does not exist")
            if (self.family == "directory") != path.is_dir():
                kind = "a folder" if self.family == "directory" else "a file"
                raise CoercionError(f"{value!r} is not {kind}")
            return str(path.resolve())
        return value


class DatasetParamType(click.ParamType[Any]):
    """An input whose Flyte type is a structured dataset (``StructuredDataset``, ``pd.DataFrame``,
    ``pa.Table``...): a parquet file or folder, as a local path (must exist) or a remote URI. The
    task receives it as ``StructuredDataset(uri=...)``, which the type engine opens as declared."""

    name = "structured dataset path (dir/file)"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from flytekit.types.structured import StructuredDataset

        if not isinstance(value, str):
            return value if isinstance(value, StructuredDataset) else StructuredDataset(dataframe=value)
        if "://" not in value and not Path(value).exists():
            self.fail(
                f"local dataset {value!r} does not exist; give a parquet file or folder, or a URI", param, ctx
            )
        return StructuredDataset(uri=value)


def _is_dataset(python_type: Any) -> bool:
    """True for types the type engine writes as structured datasets (never for plain ``Any``)."""
    from flytekit.core.type_engine import TypeEngine

    if python_type is Any or not isinstance(python_type, type):
        return False
    try:
        return TypeEngine.to_literal_type(python_type).HasField("structured_dataset_type")
    except Exception:  # no transformer claims it: not a dataset
        return False


class EnumParamType(click.Choice[str]):
    """An enum input: one of the enum's values (as text)."""

    def __init__(self, enum_type: type[enum.Enum]) -> None:
        super().__init__([str(member.value) for member in enum_type])
        self.enum_type = enum_type

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, self.enum_type):
            return value
        chosen = super().convert(str(value), param, ctx)
        return next(member for member in self.enum_type if str(member.value) == chosen)


class UnionParamType(click.ParamType[Any]):
    """A union input: each member's type tried in turn (strings last), the first that fits wins."""

    def __init__(self, members: list[Any]) -> None:
        ordered = [m for m in members if m is not str] + [m for m in members if m is str]
        self.member_types = [click_type_for(member) for member in ordered if member is not NoneType]
        self.name = " | ".join(t.name for t in self.member_types)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        problems = []
        for member_type in self.member_types:
            try:
                return member_type.convert(value, param, ctx)
            except click.BadParameter as exc:
                problems.append(exc.message)
        self.fail(f"{value!r} fits none of {self.name}: {'; '.join(problems)}", param, ctx)


def click_type_for(python_type: Any) -> click.ParamType[Any]:
    """The click parameter type for an input of ``python_type`` (bool is handled as a flag)."""
    inner, _ = unwrap_optional(python_type)
    if inner is int:
        return click.INT
    if inner is float:
        return click.FLOAT
    if inner is str:
        return click.STRING
    if inner is bool:
        return click.BOOL
    if inner in (datetime.datetime, datetime.date):
        return DateTimeParamType(inner)
    if inner is datetime.timedelta:
        return DurationParamType()
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        return EnumParamType(inner)
    family = _blob_family(inner)
    if family is not None:
        return BlobParamType(inner, family)
    members = union_members(inner)
    if members is not None:
        return UnionParamType(members)
    if _is_dataset(inner):
        return DatasetParamType()
    return JsonParamType(inner)


def _default_text(value: Any) -> Any:
    """How a default shows in ``--help`` (enum values, not members)."""
    if isinstance(value, enum.Enum):
        return value.value
    return value


def input_option(
    name: str, python_type: Any, has_default: bool, default: Any, help_text: str
) -> click.Option:
    """The ``--<name>`` option of one entity input; required unless it has a default or is optional."""
    inner, optional = unwrap_optional(python_type)
    extra: dict[str, Any] = {}
    if has_default:
        if inner is bool and default is not None:
            extra["default"] = bool(default)
        elif isinstance(default, enum.Enum):
            extra["default"] = str(default.value)
        else:
            extra["default"] = default
        extra["show_default"] = True
    required = not has_default and not optional
    if inner is bool:
        negative = f"--no-{name.replace('_', '-')}"
        return click.Option([f"--{name}/{negative}", name], required=required, help=help_text, **extra)
    if has_default and isinstance(default, list | dict):
        # Structured defaults are shown as JSON and must not be parsed again by click.
        extra["show_default"] = json.dumps(default, default=str)
    return click.Option(
        [f"--{name}", name], type=click_type_for(python_type), required=required, help=help_text, **extra
    )
