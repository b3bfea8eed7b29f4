"""``@vscode``: a plain call locally; in a task run (``pyflyte-execute``) it installs code-server from a
real HTTP server, starts it, writes the debugging files, and resumes the task when the server ends.

The "code-server" served here is a tarball holding a small shell script with code-server's
command-line surface (``--list-extensions``, ``--install-extension``, serving): it records how it was
called and exits after a moment, which is what resuming looks like from the task's side.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flyteidl.core import literals_pb2
from flytekit import task, workflow
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.interactive import DEFAULT_CODE_SERVER_REMOTE_PATHS, VscodeConfig, vscode
from flytekit.interactive.vscode_lib.decorator import get_code_server_info, is_extension_installed
from flytekit.tools.translator import get_serializable

BIN = Path(sys.executable).parent
SERVER_DIR = "code-server-test-linux"
FAKE_CODE_SERVER = """#!/bin/sh
case "$1" in
  --list-extensions) echo "already.installed"; exit 0 ;;
  --install-extension) echo "$2" >> "$HOME/installed.txt"; exit 0 ;;
esac
echo "$@" > "$HOME/server-args.txt"
echo "$PORT" > "$HOME/server-port.txt"
sleep 1
"""

TASK_MODULE = """
import os
from flytekit import task
from flytekit.interactive import VscodeConfig, vscode

URL = os.environ["TEST_CODE_SERVER_URL"]
CONFIG = VscodeConfig(
    code_server_remote_paths={"amd64": URL, "arm64": URL},
    code_server_dir_names={"amd64": "SERVER_DIR", "arm64": "SERVER_DIR"},
    extension_remote_paths=os.environ["TEST_EXTENSIONS"].split(","),
)
CALLS = os.path.join(os.environ["HOME"], "calls.txt")


@task
@vscode(config=CONFIG, port=8123, pre_execute=lambda: open(CALLS, "a").write("pre\\n"))
def add(a: int, b: int) -> int:
    with open(CALLS, "a") as f:
        f.write("task\\n")
    return a + b
""".replace("SERVER_DIR", SERVER_DIR)


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _code_server_tarball(path: Path) -> None:
    script = FAKE_CODE_SERVER.encode()
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(f"{SERVER_DIR}/bin/code-server")
        info.size = len(script)
        info.mode = 0o755
        tar.addfile(info, io.BytesIO(script))


@pytest.mark.skipif(
    platform.machine() not in ("x86_64", "aarch64"), reason="code-server builds exist for these"
)
def test_in_a_task_run_code_server_is_installed_started_and_the_task_resumes(
    tmp_path: Path, http_root: tuple[Path, str]
) -> None:
    root, base_url = http_root
    _code_server_tarball(root / "code-server.tar.gz")
    (root / "my.ext-1.0.vsix").write_bytes(b"vsix")
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    (work / "vsflow.py").write_text(TASK_MODULE)
    inputs = tmp_path / "inputs.pb"
    ctx = FlyteContextManager.current_context()
    inputs.write_bytes(
        TypeEngine.dict_to_literal_map(ctx, {"a": 2, "b": 5}, {"a": int, "b": int}).SerializeToString()
    )
    out = tmp_path / "out"
    env = {
        **os.environ,
        "HOME": str(home),
        "PATH": os.environ["PATH"],
        "TEST_CODE_SERVER_URL": f"{base_url}/code-server.tar.gz",
        "TEST_EXTENSIONS": f"{base_url}/my.ext-1.0.vsix,{base_url}/already.installed-2.0.vsix",
    }
    args = [
        str(BIN / "pyflyte-execute"),
        "--inputs", str(inputs),
        "--output-prefix", str(out),
        "--raw-output-data-prefix", str(out / "raw"),
        "--resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "--", "task-module", "vsflow", "task-name", "add",
    ]  # fmt: skip
    result = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]

    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString((out / "outputs.pb").read_bytes())
    assert outputs.literals["o0"].scalar.primitive.integer == 7
    # pre_execute ran, then the task ran once: after the server ended (resume), not before
    assert (home / "calls.txt").read_text() == "pre\ntask\n"
    # downloaded and unpacked into ~/.code-server; only the missing extension was installed
    assert (home / ".code-server" / "code-server.tar.gz").is_file()
    assert (home / ".code-server" / SERVER_DIR / "bin" / "code-server").is_file()
    assert (home / "installed.txt").read_text().strip() == str(home / ".code-server" / "my.ext-1.0.vsix")
    served = (home / "server-args.txt").read_text().split()
    assert served[:2] == ["--bind-addr", "0.0.0.0:8123"]
    assert "--disable-workspace-trust" in served and served[-3:] == ["--auth", "none", str(work)]
    assert (home / "server-port.txt").read_text().strip() == "8123"
    # the debugging and resume scripts and the launch configurations sit beside the task's source
    assert "get_task_inputs" in (work / "flyteinteractive_interactive_entrypoint.py").read_text()
    assert "signal.SIGTERM" in (work / "flyteinteractive_resume_task.py").read_text()
    launch = json.loads((work / ".vscode" / "launch.json").read_text())
    assert [c["name"] for c in launch["configurations"]] == ["Interactive Debugging", "Resume Task"]
    settings = json.loads((work / ".vscode" / "settings.json").read_text())
    assert settings["python.defaultInterpreterPath"]


@task
@vscode
def double(a: int) -> int:
    return a * 2


@task
@vscode(port=8081, enable=False)
def triple(a: int) -> int:
    return a * 3


@workflow
def wf(a: int) -> int:
    return triple(a=double(a=a))  # type: ignore[no-any-return]


def test_locally_the_task_just_runs_and_the_template_links_the_port() -> None:
    assert wf(a=2) == 12
    assert double(a=5) == 10
    settings = SerializationSettings(image_config=ImageConfig.auto_default_image())
    spec: Any = get_serializable(OrderedDict(), settings, triple)
    assert dict(spec.template.config) == {"link_type": "vscode", "port": "8081"}
    assert spec.template.interface.inputs.variables["a"].type.simple


def test_config_defaults_and_helpers() -> None:
    config = VscodeConfig()
    config.add_extensions("https://x/a.vsix")
    config.add_extensions(["https://x/b.vsix"])
    assert config.extension_remote_paths[-2:] == ["https://x/a.vsix", "https://x/b.vsix"]
    assert VscodeConfig().extension_remote_paths != config.extension_remote_paths  # defaults are not shared
    assert set(DEFAULT_CODE_SERVER_REMOTE_PATHS) == {"amd64", "arm64"}
    if platform.machine() in ("x86_64", "aarch64"):
        arch = "amd64" if platform.machine() == "x86_64" else "arm64"
        assert get_code_server_info({"amd64": "A", "arm64": "B"}) == {"amd64": "A", "arm64": "B"}[arch]
    assert is_extension_installed("https://h/ms-python.python-1.vsix", ["ms-python.python"])
    assert not is_extension_installed("https://h/other.vsix", ["ms-python.python"])


def test_the_enable_variable_wraps_every_task(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_F_E_VS", "True")

    @task
    def plain(a: int) -> int:
        return a + 1

    assert isinstance(plain.task_function, vscode)
    assert plain(a=1) == 2  # locally still a plain call
    monkeypatch.setenv("_F_E_VS", "false")

    @task
    def other(a: int) -> int:
        return a

    assert not isinstance(other.task_function, vscode)
