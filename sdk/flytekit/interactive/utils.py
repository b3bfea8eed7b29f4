"""Helpers of interactive debugging: loading a module from a file, reading a task's inputs back as
Python values (what the generated debugging script calls), and running a shell command."""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
from types import ModuleType
from typing import Any

from flytekit.interactive.constants import EXIT_CODE_SUCCESS


def _logger() -> logging.Logger:
    import flytekit

    return flytekit.current_context().logging


def load_module_from_path(module_name: str, path: str) -> ModuleType:
    """Import the Python file ``path`` as module ``module_name`` (registered in ``sys.modules``)."""
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"Module at {path} could not be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def get_task_inputs(task_module_name: str, task_name: str, context_working_dir: str) -> dict[str, Any]:
    """The inputs of task ``task_name`` as Python values, read from ``inputs.pb`` in ``context_working_dir``
    with the interface of the copy of its module kept there (so edits to the task do not break loading)."""
    from flyteidl.core import literals_pb2
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine

    literal_map = literals_pb2.LiteralMap()
    with open(os.path.join(context_working_dir, "inputs.pb"), "rb") as f:
        literal_map.ParseFromString(f.read())
    module = load_module_from_path(
        task_module_name, os.path.join(context_working_dir, f"{task_module_name}.py")
    )
    task_def = getattr(module, task_name)
    inputs: dict[str, Any] = TypeEngine.literal_map_to_kwargs(
        FlyteContextManager.current_context(), literal_map, task_def.python_interface.inputs
    )
    return inputs


def execute_command(cmd: str, env: dict[str, str] | None = None) -> None:
    """Run ``cmd`` in a shell (``env`` on top of this process's environment); a non-zero exit raises."""
    logger = _logger()
    process = subprocess.Popen(
        cmd,
        shell=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=None if env is None else {**os.environ, **env},
    )
    logger.info(f"cmd: {cmd}")
    stdout, stderr = process.communicate()
    if process.returncode != EXIT_CODE_SUCCESS:
        raise RuntimeError(f"Command {cmd} failed with error: {stderr!r}")
    logger.info(f"stdout: {stdout!r}")
    logger.info(f"stderr: {stderr!r}")
