"""Shell script tasks: ``ShellTask``, ``RawShellTask`` / ``get_raw_shell_task``, ``OutputLocation``.

A ``ShellTask`` is a script template. At run time ``{inputs.x}``, ``{outputs.o}`` and ``{ctx.…}``
(``str.format`` syntax) are filled in — files and folders are downloaded first and stand for their
local paths, datetimes for their ISO form — and the script runs with the given shell (``/bin/sh``).
Each output is a FlyteFile or FlyteDirectory read back from its ``OutputLocation`` (itself a template
over the inputs). A non-zero exit raises ``FlyteRecoverableException`` with the script's output.

Like flytekit, a ShellTask is an instance task: its container finds it again through the module
variable it is assigned to, and it carries an internal function task named
``<module>._bash.<name>`` (body ``_dummy_task_func``), which ``pyflyte package`` also serializes.
"""

from __future__ import annotations

import datetime
import logging
import os
import platform
import string
import subprocess
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flytekit.core.interface import Interface
from flytekit.core.python_function_task import PythonFunctionTask, PythonInstanceTask
from flytekit.core.task import TaskPlugins
from flytekit.errors import FlyteRecoverableException
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile

logger = logging.getLogger(__name__)


T = typing.TypeVar("T")


@dataclass
class ProcessResult:
    """Exit code, standard output and standard error of a finished process."""

    returncode: int
    output: str
    error: str


@dataclass
class OutputLocation:
    """Where output ``var`` (a FlyteFile/FlyteDirectory type) is found; ``location`` may use ``{inputs.x}``."""

    var: str
    var_type: type
    location: os.PathLike[str] | str


def subproc_execute(command: list[str] | str, **kwargs: Any) -> ProcessResult:
    """Run ``command``, capture its output, and raise RuntimeError when it fails or cannot start."""
    options: dict[str, Any] = {
        "stdout": subprocess.PIPE,
        "stderr": subprocess.PIPE,
        "text": True,
        "check": True,
    }
    options.update(kwargs)
    if options.get("shell"):
        if "|" in command:
            logger.warning(
                "The command has a pipe and runs with shell=True; a failing stage before the last goes unnoticed."
            )
        if isinstance(command, list):
            logger.warning(
                "A list command with shell=True runs only its first item; pass one string instead."
            )
    try:
        result = subprocess.run(command, **options)
        result.check_returncode()
        return ProcessResult(result.returncode, result.stdout, result.stderr)
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"Command: {e.cmd}\nFailed with return code {e.returncode}:\n{e.stderr}") from e
    except FileNotFoundError as e:
        raise RuntimeError(
            "Process failed because the executable could not be found. If the task needs extra programs, "
            f"give it a container_image that has them.\n{e}"
        ) from e


def _dummy_task_func() -> None:
    """A Fake function to satisfy the inner PythonTask requirements"""
    # The docstring above is flytekit's, word for word: it becomes the serialized description of the
    # internal task, which must match what flytekit writes.
    return None


class AttrDict(dict[str, Any]):
    """A dict whose keys are also attributes (``inputs.x`` in templates)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.__dict__ = self


class _PythonFStringInterpolizer:
    """Fills ``str.format`` templates from ``inputs``, ``outputs`` and ``ctx`` (the current context)."""

    class _Formatter(string.Formatter):
        def format_field(self, value: Any, format_spec: str) -> Any:
            if isinstance(value, FlyteFile | FlyteDirectory):
                value.download()
                return value.path
            if isinstance(value, datetime.datetime):
                return value.isoformat()
            return super().format_field(value, format_spec)

    def interpolate(
        self, tmpl: str, inputs: dict[str, Any] | None = None, outputs: dict[str, Any] | None = None
    ) -> str:
        import flytekit

        args = {
            "inputs": AttrDict(inputs or {}),
            "outputs": AttrDict(outputs or {}),
            "ctx": flytekit.current_context(),
        }
        try:
            return self._Formatter().format(tmpl, **args)
        except KeyError as e:
            raise ValueError(f"Variable {e} in Query not found in inputs {args.keys()}") from e


def _run_script(script: str, shell: str) -> ProcessResult:
    """Run ``script`` with ``shell``; its output lines are echoed and kept (joined without newlines)."""
    process = subprocess.Popen(
        script,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
        shell=True,
        text=True,
        executable=shell,
    )
    stdout, stderr = process.communicate()
    out = ""
    for line in stdout.splitlines():
        print(line)
        out += line
    return ProcessResult(process.wait(), out, stderr)


class _ShellConfigTask(PythonFunctionTask):
    """The internal task a ShellTask carries; named ``<module of the shell task>._bash.<name>``."""

    def __init__(self, owner: ShellTask, task_config: Any) -> None:
        super().__init__(task_config, _dummy_task_func)
        self._owner = owner

    @property
    def name(self) -> str:
        module = _import_name(self._owner._instantiated_in)
        if module and module not in self._name:
            return f"{module}.{self._name}"
        return self._name


def _import_name(module_name: str | None) -> str | None:
    """The name flytekit's package loader gives the module: its path relative to the source root.

    flytekit imports ``--pkgs`` relative to the source folder (the working directory), so a module of
    a package nested in other packages is known under a shorter name than its full dotted path; the
    inner task's name is built from that name. Outside the working directory the name is kept.
    """
    if not module_name or module_name == "__main__":
        return module_name
    file = getattr(sys.modules.get(module_name), "__file__", None)
    if not file:
        return module_name
    try:
        relative = Path(file).resolve().with_suffix("").relative_to(Path.cwd().resolve())
    except ValueError:
        return module_name
    parts = list(relative.parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    candidate = ".".join(parts)
    return candidate if candidate and module_name.endswith(candidate) else module_name


def _check_task_config(task_config: Any) -> None:
    if task_config is None:
        return
    qualified = f"{task_config.__module__}.{type(task_config).__name__}"
    if qualified != "flytekitplugins.pod.task.Pod":
        raise ValueError("TaskConfig can either be empty - indicating simple container task or a PodConfig.")


class ShellTask(PythonInstanceTask):
    """A task that runs a shell script template; see the module docstring."""

    def __init__(
        self,
        name: str,
        debug: bool = False,
        script: str | None = None,
        script_file: str | None = None,
        task_config: Any = None,
        shell: str = "/bin/sh",
        inputs: dict[str, type] | None = None,
        output_locs: list[OutputLocation] | None = None,
        **kwargs: Any,
    ) -> None:
        if script and script_file:
            raise ValueError("Only either of script or script_file can be provided")
        if not script and not script_file:
            raise ValueError("Either a script or script_file is needed")
        if script_file:
            if not os.path.exists(script_file):
                raise ValueError(
                    f"FileNotFound: the specified Script file at path {script_file} cannot be loaded"
                )
            script_file = os.path.abspath(script_file)
        _check_task_config(task_config)
        plugin_class = TaskPlugins.find_pythontask_plugin(type(task_config))
        if plugin_class is PythonFunctionTask:
            self._config_task_instance: PythonFunctionTask = _ShellConfigTask(self, task_config)
        else:
            self._config_task_instance = plugin_class(task_config=task_config, task_function=_dummy_task_func)
        self._config_task_instance._name = f"_bash.{name}"
        self._script = script
        self._script_file = script_file
        self._debug = debug
        self._shell = shell
        self._output_locs = list(output_locs or [])
        self._interpolizer = _PythonFStringInterpolizer()
        outputs = self._validate_output_locs()
        self._process_result: ProcessResult | None = None
        super().__init__(
            name,
            task_config,
            task_type=self._config_task_instance.task_type,
            interface=Interface(inputs=inputs, outputs=outputs),
            **kwargs,
        )

    def _validate_output_locs(self) -> dict[str, type]:
        outputs: dict[str, type] = {}
        for loc in self._output_locs:
            if loc is None:
                raise ValueError("OutputLocation cannot be none")
            if not isinstance(loc, OutputLocation):
                raise ValueError("Every output type should be an output location on the file-system")
            if loc.location is None:
                raise ValueError(f"Output Location not provided for output var {loc.var}")
            if not (_is_subclass(loc.var_type, FlyteFile) or _is_subclass(loc.var_type, FlyteDirectory)):
                raise ValueError(
                    "Currently only outputs of type FlyteFile/FlyteDirectory and their derived types are supported"
                )
            outputs[loc.var] = loc.var_type
        return outputs

    @property
    def result(self) -> ProcessResult | None:
        return self._process_result

    @property
    def script(self) -> str | None:
        return self._script

    @property
    def script_file(self) -> str | None:
        return self._script_file

    def _prepare(self, kwargs: dict[str, Any]) -> tuple[str, dict[str, str]]:
        """The script text and the output locations, both resolved against the inputs."""
        if self._script_file:
            with open(self._script_file) as f:
                self._script = f.read()
        assert self._script is not None
        outputs = {
            loc.var: self._interpolizer.interpolate(str(loc.location), inputs=kwargs)
            for loc in self._output_locs
        }
        if os.name == "nt":
            self._script = self._script.strip().replace("\n", "&&")
        return self._script, outputs

    def _debug_print(self, script: str) -> None:
        if self._debug:
            print("\n==============================================\n")
            print(script)
            print("\n==============================================\n")

    def _collect_outputs(self, outputs: dict[str, str]) -> Any:
        values: list[Any] = []
        for loc in self._output_locs:
            if _is_subclass(loc.var_type, FlyteFile):
                values.append(FlyteFile(outputs[loc.var]))
            if _is_subclass(loc.var_type, FlyteDirectory):
                values.append(FlyteDirectory(outputs[loc.var]))
        if len(values) == 1:
            return values[0]
        if len(values) > 1:
            return tuple(values)
        return None

    def execute(self, **kwargs: Any) -> Any:
        logger.info("Running shell script as type %s", self.task_type)
        script, outputs = self._prepare(kwargs)
        generated = self._interpolizer.interpolate(script, inputs=kwargs, outputs=outputs)
        self._debug_print(generated)
        if platform.system() == "Windows":
            os.environ.setdefault("ComSpec", "C:\\Windows\\System32\\cmd.exe")
            self._shell = os.environ["COMSPEC"]
        self._process_result = _run_script(generated, self._shell)
        if self._process_result.returncode != 0:
            listing = "\n-".join(os.listdir("."))
            error = (
                f"Failed to Execute Script, return-code {self._process_result.returncode} \n"
                f"Current directory contents: .\n-{listing}\n"
                f"StdOut: {self._process_result.output}\n"
                f"StdErr: {self._process_result.error}\n"
            )
            logger.error(error)
            # Recoverable: a failing script is a user error that a retry may fix.
            raise FlyteRecoverableException(error)
        return self._collect_outputs(outputs)


class RawShellTask(ShellTask):
    """A ShellTask whose script exports ``env`` (a dict input) and runs a script chosen at run time.

    Built with ``get_raw_shell_task(name)``; failures raise ``subprocess.CalledProcessError``.
    """

    def __init__(
        self,
        name: str,
        debug: bool = False,
        script: str | None = None,
        script_file: str | None = None,
        task_config: Any = None,
        inputs: dict[str, type] | None = None,
        output_locs: list[OutputLocation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            name=name,
            debug=debug,
            script=script,
            script_file=script_file,
            task_config=task_config,
            inputs=inputs,
            output_locs=output_locs,
            **kwargs,
        )

    def make_export_string_from_env_dict(self, d: dict[str, str]) -> str:
        """``export k=v`` lines for a dict of environment variables."""
        return "\n".join(f"export {k}={v}" for k, v in d.items())

    def execute(self, **kwargs: Any) -> Any:
        logger.info("Running shell script as type %s", self.task_type)
        script, outputs = self._prepare(kwargs)
        if isinstance(kwargs.get("env"), dict):
            kwargs["export_env"] = self.make_export_string_from_env_dict(kwargs["env"])
        generated = self._interpolizer.interpolate(script, inputs=kwargs, outputs=outputs)
        self._debug_print(generated)
        try:
            subprocess.check_call(generated, shell=True)
        except subprocess.CalledProcessError as e:
            listing = "\n-".join(os.listdir("."))
            logger.error(
                f"Failed to Execute Script, return-code {e.returncode} \nStdErr: {e.stderr}\n"
                f"StdOut: {e.stdout}\n Current directory contents: .\n-{listing}"
            )
            raise
        return self._collect_outputs(outputs)


def get_raw_shell_task(name: str) -> RawShellTask:
    """A RawShellTask taking ``env`` (dict), ``script_args`` and ``script_file``, returning its working folder."""
    return RawShellTask(
        name=name,
        debug=True,
        inputs={"env": typing.Dict[str, str], "script_args": str, "script_file": str},  # noqa: UP006
        output_locs=[OutputLocation(var="out", var_type=FlyteDirectory, location="{ctx.working_directory}")],
        script="""
#!/bin/bash
set -uex
cd {ctx.working_directory}
{inputs.export_env}
bash {inputs.script_file} {inputs.script_args}
""",
    )


def _is_subclass(candidate: Any, parent: type) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, parent)
