"""Interactive debugging of tasks where they run: the ``vscode`` decorator (a code-server in the pod),
its ``VscodeConfig``, and ``get_task_inputs`` (a task's inputs as Python values, for debugging scripts)."""

from flytekit.interactive import constants, utils, vscode_lib
from flytekit.interactive.utils import get_task_inputs
from flytekit.interactive.vscode_lib.config import VscodeConfig
from flytekit.interactive.vscode_lib.decorator import vscode
from flytekit.interactive.vscode_lib.vscode_constants import (
    DEFAULT_CODE_SERVER_DIR_NAMES,
    DEFAULT_CODE_SERVER_EXTENSIONS,
    DEFAULT_CODE_SERVER_REMOTE_PATHS,
)

__all__ = [
    "DEFAULT_CODE_SERVER_DIR_NAMES",
    "DEFAULT_CODE_SERVER_EXTENSIONS",
    "DEFAULT_CODE_SERVER_REMOTE_PATHS",
    "VscodeConfig",
    "constants",
    "get_task_inputs",
    "utils",
    "vscode",
    "vscode_lib",
]
