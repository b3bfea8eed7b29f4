"""Where code-server and its extensions come from and go, and the files prepared for the user."""

import os
from pathlib import Path

EXECUTABLE_NAME = "code-server"
# Downloads and the unpacked server live here; when it exists, nothing is downloaded again.
DOWNLOAD_DIR = Path.home() / ".code-server"
HOURS_TO_SECONDS = 60 * 60
DEFAULT_UP_SECONDS = 10 * HOURS_TO_SECONDS
_CODE_SERVER_VERSION = "4.106.3"
_RELEASES = "https://github.com/coder/code-server/releases/download"
DEFAULT_CODE_SERVER_REMOTE_PATHS = {
    arch: f"{_RELEASES}/v{_CODE_SERVER_VERSION}/code-server-{_CODE_SERVER_VERSION}-linux-{arch}.tar.gz"
    for arch in ("amd64", "arm64")
}
_EXTENSIONS = "https://raw.githubusercontent.com/flyteorg/flytetools/master/flytekitplugins/flyin"
DEFAULT_CODE_SERVER_EXTENSIONS = [
    f"{_EXTENSIONS}/ms-python.python-2023.20.0.vsix",
    f"{_EXTENSIONS}/ms-toolsai.jupyter-2023.9.100.vsix",
]
DEFAULT_CODE_SERVER_DIR_NAMES = {
    arch: f"code-server-{_CODE_SERVER_VERSION}-linux-{arch}" for arch in ("amd64", "arm64")
}

# How often the idle check looks at code-server's heartbeat file.
HEARTBEAT_CHECK_SECONDS = 60
# code-server touches this file while a browser is connected.
HEARTBEAT_PATH = os.path.expanduser("~/.local/share/code-server/heartbeat")

INTERACTIVE_DEBUGGING_FILE_NAME = "flyteinteractive_interactive_entrypoint.py"
RESUME_TASK_FILE_NAME = "flyteinteractive_resume_task.py"
# Keys of the task template config that tell the backend to link to the server.
VSCODE_TYPE_KEY = "flyteinteractive_type"
VSCODE_PORT_KEY = "flyteinteractive_port"

TASK_FUNCTION_SOURCE_PATH = "TASK_FUNCTION_SOURCE_PATH"
