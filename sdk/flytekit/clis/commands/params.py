"""Command-line text to typed Python values for ``pyflyte run`` entity inputs.

Each input of a task or workflow becomes an option ``--<name>`` whose click type follows the
input's Python type: ``int``, ``float``, ``str``, ``bool`` (a ``--x/--no-x`` flag), and JSON (or
YAML) text -- or the path of a JSON/YAML file -- for lists, dicts and anything else. Values parsed
from JSON are checked and converted element by element (``1`` for a ``float`` becomes ``1.0``), so
the type engine receives exactly the declared types.
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any

import click
import yaml

NoneType = type(None)


class CoercionError(ValueError):
    """A parsed value does not fit the declared type; the message says where and what was expected."""


def _describe(python_type: Any) -> str:
    return getattr(python_type, "__name__", None) or str(python_type)


def unwrap_optional(python_type: Any) -> tuple[Any, bool]:
    """``Optional[T]`` -> ``(T, True)``; anything else -> ``(type, False)``."""
    origin = typing.get_origin(python_type)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(python_type) if arg is not NoneType]
        if len(args) == 1 and len(typing.get_args(python_type)) == 2:
            return args[0], True
    return python_type, False


def coerce(value: Any, python_type: Any, where: str = "value") -> Any:
    """Check ``value`` (parsed from JSON/YAML) against ``python_type`` and convert where lossless."""
    inner, optional = unwrap_optional(python_type)
    if value is None:
        if optional or python_type is Any:
            return None
        raise CoercionError(f"{where}: null given where {_describe(python_type)} is required")
    python_type = inner
    if python_type is Any:
        return value
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
    return value


def load_structured_text(text: str) -> Any:
    """Parse JSON, else YAML; a path to an existing ``.json``/``.yaml``/``.yml`` file is read first."""
    candidate = Path(text)
    if candidate.suffix in (".json", ".yaml", ".yml") and candidate.is_file():
        text = candidate.read_text()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return yaml.safe_load(text)


class JsonParamType(click.ParamType[Any]):
    """Lists, dicts and other structured inputs, given as JSON/YAML text or a file holding it."""

    def __init__(self, python_type: Any) -> None:
        self.python_type = python_type
        origin = typing.get_origin(python_type) or python_type
        self.name = "json list" if origin is list else "json dictionary" if origin is dict else "json"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            try:
                return coerce(value, self.python_type, self._where(param))
            except CoercionError as exc:
                self.fail(str(exc), param, ctx)
        try:
            parsed = load_structured_text(value)
        except yaml.YAMLError as exc:
            self.fail(f"{value!r} is neither JSON nor YAML: {exc}", param, ctx)
        try:
            return coerce(parsed, self.python_type, self._where(param))
        except CoercionError as exc:
            self.fail(str(exc), param, ctx)

    @staticmethod
    def _where(param: click.Parameter | None) -> str:
        return f"input {param.name!r}" if param is not None and param.name else "value"


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
    return JsonParamType(inner)


def input_option(
    name: str, python_type: Any, has_default: bool, default: Any, help_text: str
) -> click.Option:
    """The ``--<name>`` option of one entity input; required unless it has a default or is optional."""
    inner, optional = unwrap_optional(python_type)
    extra: dict[str, Any] = {}
    if has_default:
        extra["default"] = bool(default) if inner is bool and default is not None else default
        extra["show_default"] = True
    required = not has_default and not optional
    if inner is bool:
        negative = f"--no-{name.replace('_', '-')}"
        return click.Option([f"--{name}/{negative}", name], required=required, help=help_text, **extra)
    return click.Option(
        [f"--{name}", name], type=click_type_for(python_type), required=required, help=help_text, **extra
    )
