"""flytekit.interaction / flytekit.interactive / configuration helpers as user code calls them.

Command-line text through the click types of ``pyflyte run`` (locally to Python values, remotely to
literals shown in their short string form), literal maps in short form, the key=value and resource
callbacks, settings defaults, a ``@vscode`` task run locally, and file formats spelled with FileExt.
"""

import dataclasses
import datetime
import enum
import typing

from flytekit import task, workflow
from flytekit.configuration import (
    DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC,
    AzureBlobStorageConfig,
    DataConfig,
    GCSConfig,
    GenericPersistenceConfig,
    SerializationSettings,
    StatsConfig,
    TaskConfig,
    set_if_exists,
)
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.interaction.click_types import (
    FlyteLiteralConverter,
    key_value_callback,
    labels_callback,
    literal_type_to_click_type,
    resource_callback,
)
from flytekit.interaction.string_literals import literal_map_string_repr, literal_string_repr
from flytekit.interactive import VscodeConfig, vscode
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FileExt, FlyteFile


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class Point:
    x: int
    y: float


TYPES = {
    "i": int,
    "f": float,
    "s": str,
    "b": bool,
    "dt": datetime.datetime,
    "td": datetime.timedelta,
    "color": Color,
    "ints": typing.List[int],
    "scores": typing.Dict[str, float],
    "point": Point,
    "either": typing.Union[int, str],
    "maybe": typing.Optional[int],
    "file": FlyteFile,
    "folder": FlyteDirectory,
}

TEXT = {
    "i": "42",
    "f": "2.5",
    "s": "hello",
    "b": "true",
    "dt": "2024-03-01T10:30:00",
    "td": "1:24",
    "color": "blue",
    "ints": "[1, 2, 3]",
    "scores": '{"a": 1.5, "b": 2.0}',  # flytekit rejects 2 for a float remotely; we convert it
    "point": '{"x": 1, "y": 2.5}',
    "either": "7",
    "maybe": "3",
}


def _converter(name: str, remote: bool) -> FlyteLiteralConverter:
    ctx = FlyteContextManager.current_context()
    python_type = TYPES[name]
    return FlyteLiteralConverter(ctx, TypeEngine.to_literal_type(python_type), python_type, is_remote=remote)


def click_type_names():
    return {
        name: literal_type_to_click_type(TypeEngine.to_literal_type(t), t).name
        for name, t in TYPES.items()
        if name not in ("color",)
    }


def local_values():
    out = {}
    for name, text in TEXT.items():
        converter = _converter(name, remote=False)
        out[name] = converter.convert(None, None, converter.click_type.convert(text, None, None))
    return out


def remote_literals_as_text():
    out = {}
    for name, text in TEXT.items():
        if name in ("point", "dt"):
            continue
        converter = _converter(name, remote=True)
        out[name] = literal_string_repr(
            converter.convert(None, None, converter.click_type.convert(text, None, None))
        )
    return out


def is_bool_flags():
    return [_converter(name, remote=False).is_bool() for name in ("b", "i", "s")]


def literal_map_text():
    ctx = FlyteContextManager.current_context()
    values = {
        "i": 3,
        "f": 1.25,
        "s": "x",
        "b": False,
        "dt": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
        "td": datetime.timedelta(minutes=90),
        "ints": [1, 2],
        "scores": {"k": 0.5},
        "maybe": None,
        "either": "seven",
    }
    lm = TypeEngine.dict_to_literal_map(ctx, values, {k: TYPES[k] for k in values})
    return literal_map_string_repr(lm)


def callbacks():
    return [
        key_value_callback(None, None, ["a=1", " b = two ", "c=x=y"]),
        labels_callback(None, None, ["team", "env=prod"]),
        key_value_callback(None, None, []),
        resource_callback(None, None, "cpu=1,mem=2Gi"),
    ]


def bad_key_value():
    return key_value_callback(None, None, ["novalue"])


def bad_resource_key():
    return resource_callback(None, None, "cpus=1")


def repeated_resource_key():
    return resource_callback(None, None, "cpu=1,cpu=2")


def settings_defaults():
    data = DataConfig()
    return {
        "task": dataclasses.asdict(TaskConfig()),
        "stats": dataclasses.asdict(StatsConfig()),
        "gcs": dataclasses.asdict(GCSConfig()),
        "azure": dataclasses.asdict(AzureBlobStorageConfig()),
        "generic": dataclasses.asdict(GenericPersistenceConfig()),
        "data_groups": [dataclasses.asdict(data.gcs), dataclasses.asdict(data.generic)],
        "entrypoint": SerializationSettings.default_entrypoint_settings("/opt/venv/bin/python3").path,
        "fileloc": DEFAULT_FLYTEKIT_ENTRYPOINT_FILELOC,
        "set_if_exists": set_if_exists({}, "a", False)
        | set_if_exists({}, "b", "")
        | set_if_exists({}, "c", 1),
    }


def vscode_config():
    config = VscodeConfig()
    config.add_extensions(["https://example.com/a.vsix"])
    return [
        sorted(config.code_server_remote_paths),
        sorted(config.code_server_dir_names),
        len(config.extension_remote_paths),
    ]


def file_formats():
    TarGz = FlyteFile[typing.Annotated[str, FileExt("tar.gz")]]
    return [TarGz.extension(), str(FileExt("csv")), FileExt.check_and_convert_to_str("png")]


@task
@vscode
def debug_add(a: int, b: int) -> int:
    return a + b


@task
@vscode(port=8081, run_task_first=True, enable=False)
def debug_scale(a: int, factor: float) -> float:
    return a * factor


@workflow
def debugged(a: int) -> float:
    return debug_scale(a=debug_add(a=a, b=2), factor=1.5)


CASES = {
    "click_type_names": click_type_names,
    "local_values": local_values,
    "remote_literals_as_text": remote_literals_as_text,
    "is_bool_flags": is_bool_flags,
    "literal_map_text": literal_map_text,
    "callbacks": callbacks,
    "bad_key_value": bad_key_value,
    "bad_resource_key": bad_resource_key,
    "repeated_resource_key": repeated_resource_key,
    "settings_defaults": settings_defaults,
    "vscode_config": vscode_config,
    "file_formats": file_formats,
    "vscode_task_locally": lambda: debug_add(a=1, b=2),
    "vscode_workflow_locally": lambda: debugged(a=2),
}
