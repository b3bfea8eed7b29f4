"""``pyflyte-fast-execute``: unpack the fast-registration code tarball, then run the task command in it.

The tarball named by ``--additional-distribution`` (``s3://``, ``file://``, a local path, or a
signed ``http(s)`` URL) is downloaded and extracted into ``--dest-dir`` (default: the working
directory). The inner command (normally ``pyflyte-execute ...``) then runs as a subprocess with
``--dynamic-addl-distro <url> --dynamic-dest-dir <dir>`` inserted before ``--resolver`` and the
destination prepended to ``PYTHONPATH``, as flytekit does.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path

from flytekit.configuration.platform import DataConfig
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.errors import FlyteAssertion

logger = logging.getLogger(__name__)

_OUR_COMMANDS = ("pyflyte-execute", "pyflyte-map-execute", "pyflyte-fast-execute")


def download_distribution(url: str, dest_dir: str, data_config: DataConfig | None = None) -> None:
    """Download the code tarball at ``url`` and extract it into ``dest_dir``."""
    if "{{" in url:
        raise FlyteAssertion(
            f"--additional-distribution is the unfilled template {url!r}; the task was serialized without a code "
            "location (register it with fast registration so the tarball URL is filled in)."
        )
    os.makedirs(dest_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="flyte-fast-") as tmp:
        archive = os.path.join(tmp, os.path.basename(url.split("?", 1)[0]) or "code.tar.gz")
        FileAccessProvider(
            local_sandbox_dir=tmp, raw_output_prefix="", data_config=data_config or DataConfig.auto()
        ).get_data(url, archive)
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(dest_dir, filter="data")
    logger.info("Extracted %s into %s", url, dest_dir)


def inner_command(command: list[str], additional_distribution: str, dest_dir: str) -> list[str]:
    """``command`` with the dynamic-distribution options inserted before ``--resolver``."""
    extra = ["--dynamic-addl-distro", additional_distribution, "--dynamic-dest-dir", dest_dir]
    if "--resolver" in command:
        at = command.index("--resolver")
        return [*command[:at], *extra, *command[at:]]
    if "--" in command:
        at = command.index("--")
        return [*command[:at], *extra, *command[at:]]
    return [*command, *extra]


def _resolve_executable(name: str) -> str:
    """``name`` on PATH, else (for our own entry points) the script next to this interpreter."""
    found = shutil.which(name)
    if found:
        return found
    sibling = Path(sys.executable).parent / name
    if name in _OUR_COMMANDS and sibling.exists():
        return str(sibling)
    return name


def fast_execute(
    additional_distribution: str,
    dest_dir: str | None,
    task_execute_cmd: list[str],
    environ: Mapping[str, str] | None = None,
) -> int:
    """Unpack the code and run the inner command; returns its exit code."""
    if not task_execute_cmd:
        raise FlyteAssertion(
            "pyflyte-fast-execute needs the task command after '--' (e.g. pyflyte-execute ...)."
        )
    dest = os.path.abspath(dest_dir or os.getcwd())
    download_distribution(additional_distribution, dest)
    command = inner_command(task_execute_cmd, additional_distribution, dest)
    command[0] = _resolve_executable(command[0])
    env = dict(os.environ if environ is None else environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (dest, env.get("PYTHONPATH", "")) if p)
    logger.info("Running %s", command)
    return subprocess.run(command, env=env, check=False).returncode
