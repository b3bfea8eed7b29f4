"""Parsed values (from JSON/YAML text, an inputs file, a prompt) checked against a declared Python type.

``coerce(value, python_type)`` walks the type: ``1`` for a ``float`` becomes ``1.0``, a string for a
``datetime``/``timedelta`` is parsed (``flytekit.interaction.timeparsing``), a dict for a dataclass or
pydantic model builds it, lists and dicts are converted element by element, unions try each member
(strings last), and anything that does not fit raises ``CoercionError`` naming where. The click
parameter types of ``flytekit.interaction.click_types`` use it so the type engine receives exactly
the declared types; ``flytectl create execution`` uses it for its exec-spec files.
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

import yaml

from flytekit.interaction.timeparsing import parse_datetime, parse_duration

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
