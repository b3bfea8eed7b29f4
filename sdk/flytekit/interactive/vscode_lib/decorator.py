"""``@vscode``: run a code-server in the task's pod instead of (or after a failure of) the task.

Locally (``python`` or ``pyflyte run``) the decorated function simply runs. In a cluster the
decorator installs code-server (unless one is on ``$PATH`` or ``~/.code-server`` exists) from the
tarball URL of the machine's architecture, installs the configured extensions, starts the server on
``port`` with the task's source folder open, writes a debugging script, a resume script and a
``.vscode/launch.json`` beside the source, and then waits: when the server exits (the resume script
terminates it) the task function is reloaded from its -- possibly edited -- file and run with the
task's inputs; when nobody has used the server for ``max_idle_seconds`` the task exits.
"""

from __future__ import annotations

import inspect
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from flytekit.core.class_decorator import ClassDecorator
from flytekit.core.context_manager import FlyteContextManager
from flytekit.interactive.constants import EXIT_CODE_SUCCESS, MAX_IDLE_SECONDS
from flytekit.interactive.utils import _logger, execute_command, load_module_from_path
from flytekit.interactive.vscode_lib.config import VscodeConfig
from flytekit.interactive.vscode_lib.vscode_constants import (
    DOWNLOAD_DIR,
    EXECUTABLE_NAME,
    HEARTBEAT_CHECK_SECONDS,
    HEARTBEAT_PATH,
    INTERACTIVE_DEBUGGING_FILE_NAME,
    RESUME_TASK_FILE_NAME,
    TASK_FUNCTION_SOURCE_PATH,
)

VSCODE_TYPE_VALUE = "vscode"


def _source_path() -> str:
    params = FlyteContextManager.current_context().user_space_params
    if params is None:
        raise RuntimeError("The vscode decorator runs inside a task (no execution parameters are set)")
    path: str = params.get(TASK_FUNCTION_SOURCE_PATH)
    return path


def exit_handler(
    child_process: multiprocessing.Process,
    task_function: Callable[..., Any],
    args: Any,
    kwargs: Any,
    max_idle_seconds: int = 180,
    post_execute: Callable[[], Any] | None = None,
) -> Any:
    """Wait for the code server (``child_process``) to end, then run the task function freshly loaded
    from its source file; exit the process instead once the server has been idle too long."""
    logger = _logger()

    def stop_server() -> None:
        if post_execute is not None:
            post_execute()
            logger.info("Post execute function executed successfully!")
        if child_process.is_alive():
            child_process.terminate()
        child_process.join()

    started = time.time()
    last_check = started - HEARTBEAT_CHECK_SECONDS
    logger.info("waiting for task to resume...")
    while child_process.is_alive():
        now = time.time()
        if now - last_check >= HEARTBEAT_CHECK_SECONDS:
            last_check = now
            if os.path.exists(HEARTBEAT_PATH):
                idle = now - os.path.getmtime(HEARTBEAT_PATH)
                logger.info(f"The latest activity on code server is {idle} seconds ago.")
            else:
                idle = now - started
                logger.info(f"Code server has not been connected since {idle} seconds ago.")
                logger.info("Please open the browser to connect to the running server.")
            if idle > max_idle_seconds:
                logger.info(f"VSCode server is idle for more than {max_idle_seconds} seconds. Terminating...")
                stop_server()
                sys.exit()
        time.sleep(1)

    # the server ended: the user asked to resume the task
    stop_server()
    module = load_module_from_path(task_function.__module__, _source_path())
    function: Any = getattr(module, task_function.__name__)
    # the reloaded attribute is the task (or this decorator again): run the plain function inside
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
        if isinstance(function, vscode):
            function = function.task_function
            break
    return function(*args, **kwargs)


def download_file(url: str, target_dir: str | os.PathLike[str] | None = ".") -> str:
    """Download ``url`` (http or https) into ``target_dir`` under its base name; returns the local path."""
    logger = _logger()
    if not url.startswith("http"):
        raise ValueError(f"URL {url} is not valid. Only http/https is supported.")
    local_file_name = os.path.join(target_dir or ".", os.path.basename(url))
    logger.info(f"Downloading {url}... to {os.path.abspath(local_file_name)}")
    with urllib.request.urlopen(url) as response, open(local_file_name, "wb") as out:
        shutil.copyfileobj(response, out)
    logger.info("File downloaded successfully!")
    return local_file_name


def get_code_server_info(code_server_info_dict: dict[str, str]) -> str | None:
    """The entry of ``code_server_info_dict`` for this machine: ``amd64`` on x86_64, ``arm64`` on aarch64."""
    machine = platform.machine()
    _logger().info(f"machine type: {machine}")
    if machine == "aarch64":
        return code_server_info_dict.get("arm64")
    if machine == "x86_64":
        return code_server_info_dict.get("amd64")
    raise ValueError(
        "Automatic download is only supported on AMD64 and ARM64 architectures. If you are using a different "
        "architecture, please visit the code-server official website to manually download the appropriate "
        "version for your image."
    )


def get_installed_extensions() -> list[str]:
    """Extensions code-server reports as installed (empty when it cannot be asked)."""
    try:
        listed = subprocess.run([EXECUTABLE_NAME, "--list-extensions"], capture_output=True, text=True)
    except OSError as exc:
        _logger().info(f"Command code-server --list-extensions failed with error: {exc}")
        return []
    if listed.returncode != EXIT_CODE_SUCCESS:
        _logger().info(f"Command code-server --list-extensions failed with error: {listed.stderr}")
        return []
    return listed.stdout.splitlines()


def is_extension_installed(extension: str, installed_extensions: list[str]) -> bool:
    """Whether the ``.vsix`` URL ``extension`` names one of the installed extension ids."""
    return any(installed in extension for installed in installed_extensions)


def download_vscode(config: VscodeConfig) -> None:
    """Install code-server (unless present) and the configured extensions; put its ``bin`` on ``$PATH``."""
    logger = _logger()
    executable = shutil.which(EXECUTABLE_NAME)
    if executable is not None or os.path.exists(DOWNLOAD_DIR):
        logger.info(f"Code server binary already exists at {executable}")
        logger.info("Skipping downloading code server...")
    else:
        logger.info("Code server is not in $PATH, start downloading code server...")
        os.makedirs(DOWNLOAD_DIR)
        url = get_code_server_info(config.code_server_remote_paths)
        if not url:
            raise ValueError(f"VscodeConfig.code_server_remote_paths has no URL for {platform.machine()}")
        tarball = download_file(url, DOWNLOAD_DIR)
        with tarfile.open(tarball, "r:gz") as tar:
            tar.extractall(path=DOWNLOAD_DIR, filter="data")
    if os.path.exists(DOWNLOAD_DIR):
        dir_name = get_code_server_info(config.code_server_dir_names) or ""
        bin_dir = os.path.join(DOWNLOAD_DIR, dir_name, "bin")
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]

    installed = get_installed_extensions()
    downloaded = [
        download_file(extension, DOWNLOAD_DIR)
        for extension in config.extension_remote_paths
        if not is_extension_installed(extension, installed)
    ]
    for path in downloaded:
        logger.info(f"Execute extension installation command to install extension {path}")
        execute_command(f"{EXECUTABLE_NAME} --install-extension {path}")


def prepare_interactive_python(task_function: Callable[..., Any]) -> None:
    """Copy the task's source file into the working directory (its interface reads ``inputs.pb`` even if
    the user edits the original) and write a script beside the source that runs the task on its inputs."""
    source = _source_path()
    working_dir = FlyteContextManager.current_context().execution_state.working_dir  # type: ignore[union-attr]
    shutil.copy(source, os.path.join(working_dir, os.path.basename(source)))
    module_name, task_name = task_function.__module__, task_function.__name__
    script = (
        "# Generated by flytekit: runs the task on the inputs of this execution.\n\n"
        f"from {module_name} import {task_name}\n"
        "from flytekit.interactive import get_task_inputs\n\n"
        'if __name__ == "__main__":\n'
        "    inputs = get_task_inputs(\n"
        f'        task_module_name="{module_name.split(".")[-1]}",\n'
        f'        task_name="{task_name}",\n'
        f'        context_working_dir="{working_dir}",\n'
        "    )\n"
        "    # inputs may be changed here, e.g. inputs['a'] = 5\n"
        f"    print({task_name}(**inputs))\n"
    )
    with open(os.path.join(os.path.dirname(source), INTERACTIVE_DEBUGGING_FILE_NAME), "w") as f:
        f.write(script)


def prepare_resume_task_python(pid: int) -> None:
    """Write the script that, after confirmation, stops the server (process ``pid``) so the task resumes."""
    script = (
        "import os\nimport signal\n\n"
        'if __name__ == "__main__":\n'
        '    print("Terminating server and resuming task.")\n'
        "    answer = input(\n"
        '        "This operation will kill the server. All unsaved data will be lost, and you will no longer be "\n'
        '        "able to connect to it. Do you really want to terminate? (Y/N): "\n'
        "    ).strip().upper()\n"
        "    if answer == 'Y':\n"
        f"        os.kill({pid}, signal.SIGTERM)\n"
        '        print("The server has been terminated and the task has been resumed.")\n'
        "    else:\n"
        '        print("Operation canceled.")\n'
    )
    with open(os.path.join(os.path.dirname(_source_path()), RESUME_TASK_FILE_NAME), "w") as f:
        f.write(script)


def prepare_launch_json() -> None:
    """Write ``.vscode/launch.json`` (run configurations for both scripts) and ``settings.json`` (this
    interpreter) beside the task's source."""
    source_dir = os.path.dirname(_source_path())

    def configuration(name: str, file_name: str) -> dict[str, Any]:
        return {
            "name": name,
            "type": "python",
            "request": "launch",
            "program": os.path.join(source_dir, file_name),
            "console": "integratedTerminal",
            "justMyCode": True,
        }

    launch = {
        "version": "0.2.0",
        "configurations": [
            configuration("Interactive Debugging", INTERACTIVE_DEBUGGING_FILE_NAME),
            configuration("Resume Task", RESUME_TASK_FILE_NAME),
        ],
    }
    folder = os.path.join(source_dir, ".vscode")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "launch.json"), "w") as f:
        json.dump(launch, f, indent=4)
    with open(os.path.join(folder, "settings.json"), "w") as f:
        json.dump({"python.defaultInterpreterPath": sys.executable}, f, indent=4)


class vscode(ClassDecorator):
    """Debug a task in VS Code (code-server) inside its pod; see the module docstring.

    ``max_idle_seconds``: how long an unused server lives; ``port``: where it listens; ``enable``:
    off runs the task normally; ``run_task_first``: run the task and start the server only if it
    fails; ``pre_execute`` / ``post_execute``: called before setting up / before stopping the server;
    ``config``: where code-server and extensions are downloaded from.
    """

    def __init__(
        self,
        task_function: Callable[..., Any] | None = None,
        max_idle_seconds: int | None = MAX_IDLE_SECONDS,
        port: int = 8080,
        enable: bool = True,
        run_task_first: bool = False,
        pre_execute: Callable[[], Any] | None = None,
        post_execute: Callable[[], Any] | None = None,
        config: VscodeConfig | None = None,
    ) -> None:
        # underscored: task objects have pre_execute/post_execute methods of their own
        self.max_idle_seconds = max_idle_seconds
        self.port = port
        self.enable = enable
        self.run_task_first = run_task_first
        self._pre_execute = pre_execute
        self._post_execute = post_execute
        self._config = config if config is not None else VscodeConfig()
        super().__init__(
            task_function,
            max_idle_seconds=max_idle_seconds,
            port=port,
            enable=enable,
            run_task_first=run_task_first,
            pre_execute=pre_execute,
            post_execute=post_execute,
            config=self._config,
        )

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        assert self.task_function is not None
        ctx = FlyteContextManager.current_context()
        logger = _logger()
        if ctx.user_space_params is not None:
            ctx.user_space_params.add_attr(
                TASK_FUNCTION_SOURCE_PATH, inspect.getsourcefile(self.task_function)
            )
        # Locally (python / pyflyte run without --remote) there is no pod to connect to.
        if not self.enable or ctx.execution_state is None or ctx.execution_state.is_local_execution():
            return self.task_function(*args, **kwargs)

        if self.run_task_first:
            logger.info("Run user's task first")
            try:
                return self.task_function(*args, **kwargs)
            except Exception as exc:
                logger.error(f"Task Error: {exc}")
                logger.info("Launching VSCode server")

        if self._pre_execute is not None:
            self._pre_execute()
            logger.info("Pre execute function executed successfully!")

        download_vscode(self._config)

        source_dir = os.path.dirname(_source_path())
        idle_timeout = os.getenv("CODE_SERVER_IDLE_TIMEOUT_SECONDS", "36000")
        server = multiprocessing.Process(
            target=execute_command,
            kwargs={
                "cmd": f"{EXECUTABLE_NAME} --bind-addr 0.0.0.0:{self.port} --idle-timeout-seconds {idle_timeout} "
                f"--disable-workspace-trust --auth none {source_dir}",
                # code-server reads $PORT too; pin it so an inherited one cannot move the server
                "env": {"PORT": str(self.port)},
            },
        )
        server.start()
        prepare_interactive_python(self.task_function)
        prepare_resume_task_python(server.pid or 0)
        prepare_launch_json()
        return exit_handler(
            child_process=server,
            task_function=self.task_function,
            args=args,
            kwargs=kwargs,
            max_idle_seconds=self.max_idle_seconds if self.max_idle_seconds is not None else MAX_IDLE_SECONDS,
            post_execute=self._post_execute,
        )

    def get_extra_config(self) -> dict[str, str]:
        return {self.LINK_TYPE_KEY: VSCODE_TYPE_VALUE, self.PORT_KEY: str(self.port)}
