"""Click parameter types that turn command-line text into values of an input's type (``pyflyte run``,
``pyflyte backfill``, the stdin prompt of ``wait_for_input``).

``literal_type_to_click_type(literal_type, python_type)`` picks the type from the input's Flyte type,
as flytekit does: ``int``/``float``/``str``/``bool``; ``datetime`` (``now``, ``today``, ISO 8601,
``now - 1d``) and ``timedelta`` (``1d``, ``2h30m``, ``1:24``); enums (a choice of their values);
``FlyteFile``/``FlyteDirectory`` (a local path, which must exist, or a remote URI); pickled objects
(``module:attribute``); structured datasets (a path or URI); unions (each member tried in turn,
strings last); and JSON or YAML text -- or a JSON/YAML file -- for lists, dicts, dataclasses and
pydantic models, checked and converted element by element by ``flytekit.interaction.coercion``.
``FlyteLiteralConverter`` wraps one input: its click type, and ``convert`` to the Python value
(local runs) or to a literal (remote runs). The ``*_callback`` functions parse repeatable
``key=value`` options and resource strings.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import os
import sys
import types
import typing
from pathlib import Path
from typing import Any

import click
import yaml

from flytekit.interaction.coercion import (
    CoercionError,
    coerce,
    load_structured_text,
    union_members,
    unwrap_optional,
)

if typing.TYPE_CHECKING:
    from flyteidl.core import literals_pb2, types_pb2
    from flytekit.core.context_manager import FlyteContext
    from flytekit.core.resources import Resources

NoneType = type(None)


def is_pydantic_basemodel(python_type: Any) -> bool:
    """True for pydantic models (v2 ``BaseModel`` or the v1 compatibility one); False without pydantic."""
    if not isinstance(python_type, type):
        return False
    try:
        import pydantic
    except ImportError:
        return False

    bases: tuple[type, ...] = (pydantic.BaseModel,)
    try:
        from pydantic import v1

        bases += (v1.BaseModel,)
    except ImportError:
        pass
    return issubclass(python_type, bases)


def key_value_callback(_: Any, param: Any, values: list[str] | tuple[str, ...]) -> dict[str, str] | None:
    """``key=value`` items (a repeatable option) to a dict, keys and values stripped; None when none given."""
    if not values:
        return None
    result: dict[str, str] = {}
    for item in values:
        if "=" not in item:
            raise click.BadParameter(f"Expected key-value pair of the form key=value, got {item}")
        key, value = item.split("=", 1)
        result[key.strip()] = value.strip()
    return result


def labels_callback(_: Any, param: Any, values: list[str] | tuple[str, ...]) -> dict[str, str] | None:
    """Like ``key_value_callback``, but a bare ``key`` is a label with an empty value."""
    if not values:
        return None
    result: dict[str, str] = {}
    for item in values:
        key, _sep, value = item.partition("=")
        result[key.strip()] = value.strip()
    return result


def resource_callback(_: Any, param: Any, value: str | None) -> Resources | None:
    """``cpu=1,mem=2Gi`` to ``Resources``; each key once, and only ``Resources`` fields."""
    if not value:
        return None
    import dataclasses

    from flytekit.core.resources import Resources

    allowed = [f.name for f in dataclasses.fields(Resources)]
    chosen: dict[str, str] = {}
    for item in value.split(","):
        pair = item.split("=")
        if len(pair) != 2:
            raise click.BadParameter(
                f"Expected comma separated key-value pairs of the form 'key1=value1,key2=value2,...', got '{item}'"
            )
        key, amount = pair[0].strip(), pair[1].strip()
        if key not in allowed:
            raise click.BadParameter(f"Expected key to be one of {allowed}, but got '{key}'")
        if key in chosen:
            raise click.BadParameter(f"Expected unique keys {allowed}, but got '{key}' multiple times")
        chosen[key] = amount
    return Resources(**chosen)


def is_artifact_query(value: Any) -> bool:
    """Whether ``value`` is an artifact query (an input default an artifact service resolves)."""
    artifacts = sys.modules.get("flytekit.core.artifact")
    return artifacts is not None and isinstance(value, artifacts.ArtifactQuery)


def _where(param: click.Parameter | None) -> str:
    return f"input {param.name!r}" if param is not None and param.name else "value"


class _CoercingParamType(click.ParamType[Any]):
    """Text -> ``parse_text`` -> ``coerce`` to ``python_type``; a mismatch is a click usage error."""

    def __init__(self, python_type: Any, name: str) -> None:
        self.python_type = python_type
        self.name = name

    def parse_text(self, value: str) -> Any:
        return value

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if is_artifact_query(value):  # a query default passes through; `run` decides what it means
            return value
        try:
            if isinstance(value, str):
                value = self.parse_text(value)
            return coerce(value, self.python_type, _where(param))
        except (CoercionError, yaml.YAMLError) as exc:
            self.fail(str(exc), param, ctx)


class JsonParamType(_CoercingParamType):
    """Lists, dicts, dataclasses, pydantic models: JSON or YAML text, or the path of a file holding it."""

    def __init__(self, python_type: Any) -> None:
        super().__init__(python_type, "json object OR json/yaml file path")

    def parse_text(self, value: str) -> Any:
        try:
            return load_structured_text(value)
        except yaml.YAMLError as exc:
            raise CoercionError(f"{value!r} is neither JSON nor YAML: {exc}") from exc


class DateTimeType(_CoercingParamType):
    """``now``, ``today``, ISO 8601 and ``<datetime> - <duration>`` (or ``+``), e.g. ``now - 1d``."""

    # shown in --help as flytekit shows them: click's date formats plus the relative forms
    formats = [
        "%Y-%m-%d",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "now",
        "today",
        "<FORMAT> - <ISO8601 duration>",
    ]

    def __init__(self, python_type: Any = datetime.datetime) -> None:
        super().__init__(python_type, "datetime")

    def get_metavar(self, param: click.Parameter, ctx: Any = None) -> str | None:
        return f"[{'|'.join(self.formats)}]"


class DurationParamType(_CoercingParamType):
    """``1d``, ``2h30m``, ``10 days``, ``1:24``, ``90`` (seconds), ISO 8601 ``P1DT2H``."""

    def __init__(self) -> None:
        super().__init__(datetime.timedelta, "[1:24 | :22 | 1 minute | 10 days | ...]")


class _BlobParamType(_CoercingParamType):
    _kind = "file"

    def parse_text(self, value: str) -> Any:
        if "://" in value:
            return value
        path = Path(value)
        if not path.exists():
            raise CoercionError(f"local {self._kind} {value!r} does not exist")
        if (self._kind == "directory") != path.is_dir():
            raise CoercionError(f"{value!r} is not {'a folder' if self._kind == 'directory' else 'a file'}")
        return str(path.resolve())


class FileParamType(_BlobParamType):
    """A ``FlyteFile``: a local file (must exist) or a remote URI (``s3://``, ``http://``...)."""

    def __init__(self, python_type: Any = None) -> None:
        from flytekit.types.file import FlyteFile

        super().__init__(python_type or FlyteFile, "file path")


class DirParamType(_BlobParamType):
    """A ``FlyteDirectory``: a local folder (must exist) or a remote URI."""

    _kind = "directory"

    def __init__(self, python_type: Any = None) -> None:
        from flytekit.types.directory import FlyteDirectory

        super().__init__(python_type or FlyteDirectory, "directory path")


class StructuredDatasetParamType(click.ParamType[Any]):
    """A ``StructuredDataset`` read from a path or URI (a dataframe given programmatically is wrapped)."""

    name = "structured dataset path (dir/file)"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from flytekit.types.structured import StructuredDataset

        if isinstance(value, StructuredDataset) or is_artifact_query(value):
            return value
        if not isinstance(value, str):
            return StructuredDataset(dataframe=value)
        if "://" not in value and not Path(value).exists():
            self.fail(
                f"local dataset {value!r} does not exist; give a parquet file or folder, or a URI", param, ctx
            )
        return StructuredDataset(uri=value)


class PickleParamType(click.ParamType[Any]):
    """A pickled input: ``module:attribute`` names the object (imported from the working directory)."""

    name = "pickle"

    def get_metavar(self, param: click.Parameter, ctx: Any = None) -> str | None:
        return "Python Object <Module>:<Object>"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        parts = value.split(":")
        if len(parts) != 2:
            if ctx is not None and getattr(ctx.obj, "verbose", 0) > 0:
                click.echo(
                    f"Did not receive a string in the expected format <MODULE>:<VAR>, falling back to: {value}"
                )
            return value
        module_name, attribute = parts
        if os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            raise click.BadParameter(f"Failed to import module {module_name}, error: {exc}") from exc
        try:
            return getattr(module, attribute)
        except AttributeError as exc:
            raise click.BadParameter(
                f"Failed to find attribute {attribute} in module {module_name}, error: {exc}"
            ) from exc


class JSONIteratorParamType(click.ParamType[Any]):
    """An iterator of JSON values: passed through (a file path or URI of JSON lines)."""

    name = "json iterator"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value


class EnumParamType(click.Choice[str]):
    """An enum input: one of the enum's values (as text), converted to the member."""

    def __init__(self, enum_type: type[enum.Enum]) -> None:
        super().__init__([str(member.value) for member in enum_type])
        self._enum_type = enum_type

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, self._enum_type) or is_artifact_query(value):
            return value
        chosen = super().convert(str(value), param, ctx)
        return next(member for member in self._enum_type if str(member.value) == chosen)


class UnionParamType(click.ParamType[Any]):
    """A union input: the members' click types tried in turn -- others first, then strings, then
    unprocessed text -- and the first that accepts the value wins."""

    def __init__(self, types: list[click.ParamType[Any]]) -> None:
        super().__init__()
        self._types = self._sort_precedence(types)

    @property
    def name(self) -> str:  # type: ignore[override]
        return "|".join(t.name for t in self._types)

    @staticmethod
    def _sort_precedence(members: list[click.ParamType[Any]]) -> list[click.ParamType[Any]]:
        def rank(t: click.ParamType[Any]) -> int:
            if isinstance(t, type(click.UNPROCESSED)):
                return 2
            return 1 if isinstance(t, type(click.STRING)) else 0

        return sorted(members, key=rank)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if is_artifact_query(value):
            return value
        problems = []
        for member in self._types:
            try:
                return member.convert(value, param, ctx)
            except click.BadParameter as exc:
                problems.append(exc.message)
        self.fail(f"{value!r} fits none of {self.name}: {'; '.join(problems)}", param, ctx)


def _simple_type_converters() -> dict[int, click.ParamType[Any]]:
    from flyteidl.core import types_pb2

    return {
        types_pb2.FLOAT: click.FLOAT,
        types_pb2.INTEGER: click.INT,
        types_pb2.STRING: click.STRING,
        types_pb2.BOOLEAN: click.BOOL,
        types_pb2.DURATION: DurationParamType(),
        types_pb2.DATETIME: DateTimeType(),
    }


# click types of the simple Flyte types, by ``types_pb2.SimpleType`` value
SIMPLE_TYPE_CONVERTER: dict[int, click.ParamType[Any]] = _simple_type_converters()


def _as_proto(lt: Any) -> types_pb2.LiteralType:
    """Our type engine speaks ``types_pb2.LiteralType``; ``flytekit.models`` wrappers are unwrapped."""
    proto: types_pb2.LiteralType = lt.to_flyte_idl() if hasattr(lt, "to_flyte_idl") else lt
    return proto


def literal_type_to_click_type(lt: Any, python_type: Any) -> click.ParamType[Any]:
    """The click type for an input of Flyte type ``lt`` whose Python type is ``python_type``."""
    from flyteidl.core import types_pb2
    from flytekit.types.file import FlyteFile
    from flytekit.types.iterator.json_iterator import JSON_ITERATOR_FORMAT
    from flytekit.types.pickle.pickle import PYTHON_PICKLE_FORMAT

    literal_type = _as_proto(lt)
    kind = literal_type.WhichOneof("type")
    if kind == "simple" and literal_type.simple != types_pb2.NONE:
        simple = literal_type.simple
        if simple == types_pb2.STRUCT:
            json_type = JsonParamType(python_type)
            json_type.name = f"JSON object {getattr(python_type, '__name__', python_type)}"
            return json_type
        if simple == types_pb2.DATETIME and python_type is datetime.date:
            return DateTimeType(datetime.date)
        if simple in SIMPLE_TYPE_CONVERTER:
            return SIMPLE_TYPE_CONVERTER[simple]
        raise NotImplementedError(
            f"Inputs of type {types_pb2.SimpleType.Name(simple)} cannot be given on the command line"
        )
    if kind == "enum_type":
        return EnumParamType(python_type)
    if kind == "structured_dataset_type":
        return StructuredDatasetParamType()
    if kind in ("collection_type", "map_value_type"):
        json_type = JsonParamType(python_type)
        json_type.name = "json list" if kind == "collection_type" else "json dictionary"
        return json_type
    if kind == "blob":
        if literal_type.blob.dimensionality == types_pb2.BlobType.SINGLE:
            if literal_type.blob.format == PYTHON_PICKLE_FORMAT:
                return PickleParamType()
            is_file = isinstance(python_type, type) and issubclass(python_type, FlyteFile)
            # JSON iterators share the blob format "jsonl" with JSONLFile; the Python type tells them apart.
            if literal_type.blob.format == JSON_ITERATOR_FORMAT and not is_file:
                return JSONIteratorParamType()
            return FileParamType(python_type if is_file else None)
        return DirParamType(python_type if isinstance(python_type, type) else None)
    if kind == "union_type":
        # a None variant has no parser of its own: it becomes unprocessed text, tried last
        members = union_members(python_type) or [python_type]
        return UnionParamType(
            [
                literal_type_to_click_type(variant, member)
                for variant, member in zip(literal_type.union_type.variants, members, strict=False)
            ]
        )
    return click.UNPROCESSED


def click_type_for(python_type: Any) -> click.ParamType[Any]:
    """The click type of an input of ``python_type`` (its Flyte type computed by the type engine)."""
    from flytekit.core.type_engine import TypeEngine

    return literal_type_to_click_type(TypeEngine.to_literal_type(python_type), python_type)


class FlyteLiteralConverter:
    """One input of a ``pyflyte run`` entity: its click type and the conversion of what click parsed."""

    name = "literal_type"

    def __init__(self, flyte_ctx: FlyteContext, literal_type: Any, python_type: Any, is_remote: bool) -> None:
        self._flyte_ctx = flyte_ctx
        self._literal_type = _as_proto(literal_type)
        self._python_type = python_type
        self._is_remote = is_remote
        self._click_type = literal_type_to_click_type(self._literal_type, python_type)

    @property
    def click_type(self) -> click.ParamType[Any]:
        return self._click_type

    @property
    def literal_type(self) -> types_pb2.LiteralType:
        return self._literal_type

    def is_bool(self) -> bool:
        return self._click_type == click.BOOL

    def convert(self, ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
        """The Python value for a local run, the literal for a remote one; None when the value is the
        option's default (the launch plan's default then applies)."""
        from flytekit.core.type_engine import TypeEngine

        try:
            wants_date = self._python_type is datetime.date or (
                typing.get_origin(self._python_type) in (typing.Union, types.UnionType)
                and datetime.date in typing.get_args(self._python_type)
            )
            if wants_date and isinstance(value, datetime.datetime):
                value = value.date()
            if param is not None and value == param.default:
                return None
            if not self._is_remote:
                return value
            literal: literals_pb2.Literal = TypeEngine.to_literal(
                self._flyte_ctx, value, self._python_type, self._literal_type
            )
            return literal
        except click.BadParameter:
            raise
        except Exception as exc:
            raise click.BadParameter(
                f"Failed to convert param: {param if param else 'NA'}, value: {value} to type: {self._python_type}."
                f" Reason {exc}"
            ) from exc


def modify_literal_uris(lit: literals_pb2.Literal) -> None:
    """Replace ``flyte://`` URIs of blobs and datasets inside ``lit`` (in place) with the storage paths
    they were uploaded to in this session (``FlytePathResolver``); unknown ones are left as they are."""
    from flytekit.remote.remote_fs import FlytePathResolver

    kind = lit.WhichOneof("value")
    if kind == "collection":
        for item in lit.collection.literals:
            modify_literal_uris(item)
    elif kind == "map":
        for item in lit.map.literals.values():
            modify_literal_uris(item)
    elif kind == "scalar":
        scalar = lit.scalar
        which = scalar.WhichOneof("value")
        if which == "union":
            modify_literal_uris(scalar.union.value)
        elif which in ("blob", "structured_dataset"):
            holder = scalar.blob if which == "blob" else scalar.structured_dataset
            if holder.uri.startswith(FlytePathResolver.protocol):
                resolved = FlytePathResolver.resolve_remote_path(holder.uri)
                if resolved:
                    holder.uri = resolved


def input_option(
    name: str, python_type: Any, has_default: bool, default: Any, help_text: str
) -> click.Option:
    """The ``--<name>`` option of one entity input; required unless it has a default or is optional.
    ``bool`` inputs are ``--x/--no-x`` flags."""
    import json

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
