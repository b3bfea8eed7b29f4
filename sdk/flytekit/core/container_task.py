"""``ContainerTask``: run any image's command; Flyte moves the data in and out of the container.

Serialized as task type ``raw-container``: the image, ``command`` and ``arguments`` kept verbatim
(templates such as ``{{.inputs.a}}`` are filled by the platform), and a ``DataLoadingConfig``
(input/output folders, metadata format, IO strategy) that tells the platform's co-pilot where to
put the inputs (one file per input, plus the literal map) and where to read each output from (a
file named after the output). The task's name is the ``name`` given, as in flytekit.

Local execution (divergence from flytekit, which starts the image with docker): there is no docker
here, so the command runs as a local process on this machine, in a prepared layout: a fresh input
folder with one file per input (FlyteFile/FlyteDirectory inputs copied under the input's name) and
``inputs.json``, and a fresh output folder. ``{{.inputs.x}}`` in command and arguments is replaced
by the value, and paths under ``input_data_dir``/``output_data_dir`` are mapped to those folders.
Each output is read from ``<output folder>/<name>``. When the command's program is not on this
machine, or the command fails, ``FlyteLocalContainerException`` says so.
"""

from __future__ import annotations

import datetime
import enum
import json
import os
import re
import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING, Any

from flytekit.core.base_task import PythonTask, TaskMetadata
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.interface import Interface
from flytekit.core.pod_template import PRIMARY_CONTAINER_NAME_FIELD, PodTemplate, k8s_pod_from_template
from flytekit.core.python_auto_container import (
    get_registerable_container_image,
    is_image_spec,
    update_image_spec_copy_handling,
)
from flytekit.core.resources import Resources, ResourceSpec, construct_resource_spec
from flytekit.core.secrets import security_context_from_secrets
from flytekit.errors import FlyteLocalContainerException

if TYPE_CHECKING:
    from flyteidl.core import tasks_pb2
    from flytekit.configuration import SerializationSettings
    from flytekit.image_spec.image_spec import ImageSpec

_INPUT_TEMPLATE = re.compile(r"\{\{\s*\.inputs\.(\w+)\s*\}\}")
_TIMEDELTA = re.compile(r"(?:(\d+) days?, )?(?:(\d+):)?(\d+):(\d+)(?:\.(\d+))?")


class ContainerTask(PythonTask):
    """A task that runs ``command`` in ``image``; see the module docstring."""

    class MetadataFormat(enum.Enum):
        # flyteidl.core.DataLoadingConfig.LiteralMapFormat
        JSON = 0
        YAML = 1
        PROTO = 2

    class IOStrategy(enum.Enum):
        # (download mode, upload mode) of flyteidl.core.IOStrategy; None leaves a side at its default.
        DOWNLOAD_EAGER = ("download", 0)
        DOWNLOAD_STREAM = ("download", 1)
        DO_NOT_DOWNLOAD = ("download", 2)
        UPLOAD_ON_EXIT = ("upload", 0)
        UPLOAD_EAGER = ("upload", 1)
        DO_NOT_UPLOAD = ("upload", 2)

    def __init__(
        self,
        name: str,
        image: str | ImageSpec,
        command: list[str],
        inputs: dict[str, Any] | None = None,
        metadata: TaskMetadata | None = None,
        arguments: list[str] | None = None,
        outputs: dict[str, Any] | None = None,
        requests: Resources | None = None,
        limits: Resources | None = None,
        input_data_dir: str | None = None,
        output_data_dir: str | None = None,
        metadata_format: MetadataFormat = MetadataFormat.JSON,
        io_strategy: IOStrategy | None = None,
        secret_requests: list[Any] | None = None,
        pod_template: PodTemplate | None = None,
        pod_template_name: str | None = None,
        local_logs: bool = False,
        resources: Resources | None = None,
        environment: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        metadata = metadata or TaskMetadata()
        # As in flytekit, the argument replaces whatever the metadata said.
        metadata.pod_template_name = pod_template_name
        super().__init__(
            task_type="raw-container",
            name=name,
            interface=Interface(inputs, outputs),
            metadata=metadata,
            security_ctx=security_context_from_secrets(name, secret_requests),
            **kwargs,
        )
        self._image = image
        self._cmd = list(command or [])
        self._args = list(arguments) if arguments is not None else None
        self._input_data_dir = input_data_dir
        self._output_data_dir = output_data_dir
        self._outputs = dict(outputs or {})
        self._md_format = metadata_format
        self._io_strategy = io_strategy
        self._resources = construct_resource_spec(requests=requests, limits=limits, resources=resources)
        self._environment = dict(environment or {})
        self.pod_template = pod_template
        self.local_logs = local_logs

    @property
    def resources(self) -> ResourceSpec:
        return self._resources

    @property
    def environment(self) -> dict[str, str]:
        return dict(self._environment)

    # ---- serialization
    def _data_loading_config(self) -> tasks_pb2.DataLoadingConfig:
        from flyteidl.core import tasks_pb2

        config = tasks_pb2.DataLoadingConfig(
            enabled=True,
            input_path=self._input_data_dir or "",
            output_path=self._output_data_dir or "",
            format=self._md_format.value,  # type: ignore[arg-type]
        )
        if self._io_strategy is not None:
            side, mode = self._io_strategy.value
            if side == "download":
                config.io_strategy.download_mode = mode  # type: ignore[assignment]
            else:
                config.io_strategy.upload_mode = mode  # type: ignore[assignment]
        return config

    def _image_name(self, settings: SerializationSettings) -> str:
        if is_image_spec(self._image):
            update_image_spec_copy_handling(self._image, settings)
        return get_registerable_container_image(self._image, settings.image_config)

    def _container(self, settings: SerializationSettings) -> tasks_pb2.Container:
        from flyteidl.core import literals_pb2, tasks_pb2

        env = {**(settings.env or {}), **self._environment}
        return tasks_pb2.Container(
            image=self._image_name(settings),
            command=self._cmd,
            args=self._args or [],
            resources=self._resources.to_idl(),
            env=[literals_pb2.KeyValuePair(key=k, value=v) for k, v in env.items()],
            data_config=self._data_loading_config(),
        )

    def get_container(self, settings: SerializationSettings) -> tasks_pb2.Container | None:
        if self.pod_template is not None:
            return None
        return self._container(settings)

    def get_k8s_pod(self, settings: SerializationSettings) -> tasks_pb2.K8sPod | None:
        if self.pod_template is None:
            return None
        return k8s_pod_from_template(
            self.pod_template,
            self._container(settings),
            settings,
            data_config=self._data_loading_config(),
            args_unset=self._args is None,
        )

    def get_config(self, settings: SerializationSettings) -> dict[str, str] | None:
        if self.pod_template is None:
            return {}
        return {PRIMARY_CONTAINER_NAME_FIELD: self.pod_template.primary_container_name}

    # ---- local execution (see the module docstring)
    def execute(self, **kwargs: Any) -> Any:
        ctx = FlyteContextManager.current_context()
        sandbox = tempfile.mkdtemp(prefix="raw-container-", dir=ctx.file_access.local_sandbox_dir)
        local_in = os.path.join(sandbox, "inputs")
        local_out = os.path.join(sandbox, "outputs")
        os.makedirs(local_in)
        os.makedirs(local_out)
        local_paths = self._write_inputs(local_in, kwargs)
        command = [
            self._render(arg, kwargs, local_paths, local_in, local_out)
            for arg in self._cmd + (self._args or [])
        ]
        if not command:
            raise FlyteLocalContainerException(f"ContainerTask '{self.name}' has no command to run.")
        program = command[0]
        if shutil.which(program, path=None if os.sep in program else os.environ.get("PATH")) is None:
            raise FlyteLocalContainerException(
                f"ContainerTask '{self.name}' cannot run locally: its command starts with {program!r}, which is not "
                f"a program on this machine. This SDK runs raw-container commands as local processes (not in the "
                f"image {self._image if isinstance(self._image, str) else self._image.image_name()!r}, since docker "
                "is not used); install the program locally, or run the task on a Flyte cluster."
            )
        env = {**os.environ, **self._environment}
        result = subprocess.run(command, cwd=sandbox, env=env, capture_output=True, text=True)
        if self.local_logs:
            for line in (result.stdout + result.stderr).splitlines():
                print(f"[Local Container] {line.strip()}")
        if result.returncode != 0:
            raise FlyteLocalContainerException(
                f"ContainerTask '{self.name}': command {command} exited with code {result.returncode}.\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return self._read_outputs(local_out)

    def _write_inputs(self, local_in: str, kwargs: dict[str, Any]) -> dict[str, str]:
        """One file per input (files/folders copied under the input's name) and ``inputs.json``."""
        from flytekit.types.directory import FlyteDirectory
        from flytekit.types.file import FlyteFile

        local_paths: dict[str, str] = {}
        plain: dict[str, Any] = {}
        for name, value in kwargs.items():
            target = os.path.join(local_in, name)
            if isinstance(value, FlyteDirectory):
                shutil.copytree(value.download(), target)
                local_paths[name] = target
            elif isinstance(value, FlyteFile):
                shutil.copyfile(value.download(), target)
                local_paths[name] = target
            else:
                text = _as_text(value)
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
                plain[name] = value if isinstance(value, bool | int | float | str) else text
        with open(os.path.join(local_in, "inputs.json"), "w", encoding="utf-8") as f:
            json.dump(plain, f)
        return local_paths

    def _render(
        self, arg: str, kwargs: dict[str, Any], local_paths: dict[str, str], local_in: str, local_out: str
    ) -> str:
        in_dir = os.path.normpath(self._input_data_dir) if self._input_data_dir else None
        out_dir = os.path.normpath(self._output_data_dir) if self._output_data_dir else None
        exact = _INPUT_TEMPLATE.fullmatch(arg)
        if exact and exact.group(1) in local_paths:
            raise FlyteLocalContainerException(
                f"ContainerTask '{self.name}': FlyteFile and FlyteDirectory inputs must be passed by path "
                f"({in_dir or '/var/inputs'}/{exact.group(1)}), not with the template {arg!r}."
            )

        def value_of(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in kwargs:
                raise FlyteLocalContainerException(
                    f"ContainerTask '{self.name}': {m.group(0)} names no input; inputs are {sorted(kwargs)}."
                )
            return _as_text(kwargs[name])

        arg = _INPUT_TEMPLATE.sub(value_of, arg)
        for folder, local in ((in_dir, local_in), (out_dir, local_out)):
            if folder:
                # The folder as a whole path (also inside a shell one-liner), not as part of a longer name.
                pattern = rf"(?<![\w./-]){re.escape(folder)}(?![\w.-])"
                arg = re.sub(pattern, local.replace("\\", "\\\\"), arg)
        return arg

    def _read_outputs(self, local_out: str) -> Any:
        from flytekit.types.directory import FlyteDirectory
        from flytekit.types.file import FlyteFile

        values: list[Any] = []
        for name, output_type in self._outputs.items():
            path = os.path.join(local_out, name)
            if output_type in (FlyteFile, FlyteDirectory):
                values.append(output_type(path=path))
                continue
            if not os.path.exists(path):
                raise FlyteLocalContainerException(
                    f"ContainerTask '{self.name}': the command wrote no file for output '{name}' "
                    f"(expected {self._output_data_dir or ''}/{name})."
                )
            with open(path) as f:
                values.append(_convert_output(f.read(), output_type))
        if not values:
            return None
        return values[0] if len(values) == 1 else tuple(values)


def _as_text(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)


def _parse_timedelta(text: str) -> datetime.timedelta:
    m = _TIMEDELTA.match(text)
    if not m:
        raise ValueError(f"Invalid timedelta string format: {text!r}")
    days, hours, minutes, seconds, micros = (int(g) if g else 0 for g in m.groups())
    return datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds, microseconds=micros)


def _convert_output(text: str, output_type: Any) -> Any:
    """A value read from an output file: bools are true unless "false", datetimes ISO, timedeltas str()-form."""
    if output_type is bool:
        return text.lower() != "false"
    if output_type is datetime.datetime:
        return datetime.datetime.fromisoformat(text)
    if output_type is datetime.timedelta:
        return _parse_timedelta(text)
    return output_type(text)
