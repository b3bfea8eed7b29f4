"""``LocalCluster``: pods as supervised subprocesses on this machine.

Layout under ``root``: ``pods/<namespace>/<pod>/`` is the pod's working directory (it exists exactly
as long as the pod does; creating it is the atomic "create"), ``pods/<namespace>/<pod>/.pod/``
holds the supervisor's files (``spec.json``, ``pid``, ``running.json``, ``status.json``), and
``logs/<namespace>/<pod>.log`` collects the task's stdout and stderr and outlives the pod. Each pod
runs under :mod:`._supervisor` in its own session, so pods survive a propeller restart and a new
``LocalCluster`` on the same root finds and adopts them. The task environment is this process's
environment plus the pod's, with ``PATH`` prefixed by ``task_path_prefix`` so that entrypoints such
as ``pyflyte-execute`` resolve in the configured Python environment; it is handed to the
supervisor process directly and never written to disk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from flyteidl.core import execution_pb2
from flytepropeller.cluster._pods import PodPhase, PodSpec, PodStatus
from flytepropeller.errors import ClusterUnavailable, PodAlreadyExists, PodNotFound

logger = logging.getLogger(__name__)

_SUPERVISOR = Path(__file__).with_name("_supervisor.py")
_STATE = ".pod"
_START_GRACE_SECONDS = 30.0
_DELETE_WAIT_SECONDS = 10.0
_TEMPLATE_VAR = re.compile(r"\{\{\s*[.$]\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")


class LocalCluster:
    """Runs each pod as a local subprocess; see the module docstring for the on-disk layout."""

    def __init__(
        self,
        root: Path,
        task_path_prefix: list[str] | None = None,
        logs_url_template: str = "",
        logs_display_name: str = "Logs (User)",
    ) -> None:
        self._root = root.resolve()
        self._path_prefix = [str(p) for p in task_path_prefix or []]
        self._logs_url_template = logs_url_template
        self._logs_display_name = logs_display_name
        self._children: dict[tuple[str, str], subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()

    @property
    def root(self) -> Path:
        return self._root

    def pod_dir(self, namespace: str, name: str) -> Path:
        """The pod's working directory."""
        _check_name(namespace, "namespace")
        _check_name(name, "pod name")
        return self._root / "pods" / namespace / name

    def log_path(self, namespace: str, name: str) -> Path:
        return self._root / "logs" / namespace / f"{name}.log"

    def create(self, pod: PodSpec) -> None:
        if not pod.command:
            raise ValueError(
                f"Pod {pod.namespace}/{pod.name} has an empty command; give the container a command."
            )
        workdir = self.pod_dir(pod.namespace, pod.name)
        workdir.parent.mkdir(parents=True, exist_ok=True)
        try:
            workdir.mkdir()
        except FileExistsError:
            raise PodAlreadyExists(pod.namespace, pod.name) from None
        state = workdir / _STATE
        state.mkdir()
        log_path = self.log_path(pod.namespace, pod.name)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        spec = {
            "command": localize_command(pod.command, workdir),
            "cwd": str(workdir),
            "log_path": str(log_path),
            "memory_limit_bytes": pod.memory_limit_bytes,
            "timeout_seconds": pod.timeout_seconds,
            "labels": pod.labels,
            "annotations": pod.annotations,
            "image": pod.image,
        }
        (state / "spec.json").write_text(json.dumps(spec))
        try:
            with open(log_path, "ab") as supervisor_log:
                process = subprocess.Popen(
                    [sys.executable, "-I", str(_SUPERVISOR), str(state)],
                    env=self._environment(pod),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=supervisor_log,
                    start_new_session=True,
                    close_fds=True,
                )
        except OSError as error:
            raise ClusterUnavailable(f"Could not start pod {pod.namespace}/{pod.name}: {error}") from error
        _write_pid(state / "pid", process.pid)
        with self._lock:
            self._reap_finished()
            self._children[(pod.namespace, pod.name)] = process
        logger.info("started pod %s/%s (supervisor pid %d)", pod.namespace, pod.name, process.pid)

    def get(self, namespace: str, name: str) -> PodStatus:
        workdir = self.pod_dir(namespace, name)
        state = workdir / _STATE
        if not workdir.is_dir():
            raise PodNotFound(namespace, name)
        finished = _read_json(state / "status.json")
        if finished is not None:
            with self._lock:
                self._reap_finished()
            return _terminal_status(finished)
        running = _read_json(state / "running.json")
        pid = _read_pid(state / "pid")
        if pid is None:
            spec_file = state / "spec.json"
            age = time.time() - spec_file.stat().st_mtime if spec_file.exists() else _START_GRACE_SECONDS
            if age >= _START_GRACE_SECONDS:
                return PodStatus(PodPhase.FAILED, reason="Interrupted", message="the pod was never started")
            return PodStatus(PodPhase.PENDING, reason="ContainerCreating")
        if self._alive(namespace, name, pid):
            if running is None:
                return PodStatus(PodPhase.PENDING, reason="ContainerCreating")
            return PodStatus(PodPhase.RUNNING, started_at=_parse(running.get("started_at")))
        finished = _read_json(state / "status.json")
        if finished is not None:
            return _terminal_status(finished)
        return PodStatus(
            PodPhase.FAILED,
            exit_code=137,
            reason="Interrupted",
            message="the pod's supervisor ended without recording an exit code",
            started_at=_parse((running or {}).get("started_at")),
        )

    def delete(self, namespace: str, name: str) -> None:
        workdir = self.pod_dir(namespace, name)
        if not workdir.is_dir():
            raise PodNotFound(namespace, name)
        pid = _read_pid(workdir / _STATE / "pid")
        if pid is not None and self._alive(namespace, name, pid):
            _signal_group(pid, signal.SIGTERM)
            deadline = time.monotonic() + _DELETE_WAIT_SECONDS
            while self._alive(namespace, name, pid) and time.monotonic() < deadline:
                time.sleep(0.02)
            if self._alive(namespace, name, pid):
                _signal_group(pid, signal.SIGKILL)
        with self._lock:
            process = self._children.pop((namespace, name), None)
        if process is not None:
            process.wait(timeout=_DELETE_WAIT_SECONDS)
        shutil.rmtree(workdir, ignore_errors=True)
        logger.info("deleted pod %s/%s", namespace, name)

    def log_links(self, namespace: str, name: str) -> list[execution_pb2.TaskLog]:
        if not self._logs_url_template:
            return []
        values = {"namespace": namespace, "podname": name, "logname": name, "containername": name}
        uri = _TEMPLATE_VAR.sub(lambda m: values.get(m.group(1).lower(), m.group(0)), self._logs_url_template)
        return [execution_pb2.TaskLog(uri=uri, name=self._logs_display_name)]

    def _environment(self, pod: PodSpec) -> dict[str, str]:
        env = dict(os.environ)
        env.update(pod.env)
        path = env.get("PATH", os.defpath)
        env["PATH"] = os.pathsep.join([*self._path_prefix, path]) if self._path_prefix else path
        return env

    def _reap_finished(self) -> None:
        """Collect exited supervisors this instance started (callers hold the lock)."""
        for key, process in list(self._children.items()):
            if process.poll() is not None:
                del self._children[key]

    def _alive(self, namespace: str, name: str, pid: int) -> bool:
        with self._lock:
            process = self._children.get((namespace, name))
        if process is not None and process.pid == pid:
            return process.poll() is None
        return _process_alive(pid)


# Flags of flytekit's fast-register launcher that name a folder inside the container image.
_IMAGE_DIR_FLAGS = frozenset({"--dest-dir", "--dynamic-dest-dir"})


def localize_command(command: list[str], workdir: Path) -> list[str]:
    """Map folders of the container image onto the pod's working directory.

    A local pod has no image filesystem of its own: the folder ``pyflyte-fast-execute`` is told
    to unpack the code into (``--dest-dir /root`` by default) would otherwise be a folder of
    this machine, shared by every pod. Each pod gets its working directory instead, which is
    what the folder is inside a real container: private to the pod and where the code runs from.
    """
    if not any(Path(part).name == "pyflyte-fast-execute" for part in command):
        return list(command)
    out = list(command)
    # Only the launcher's own flags, i.e. those before the "--" that starts the inner command.
    end = out.index("--") if "--" in out else len(out)
    for i in range(end - 1):
        if out[i] in _IMAGE_DIR_FLAGS:
            out[i + 1] = str(workdir)
    return out


def _check_name(value: str, what: str) -> None:
    if not value or not _DNS_LABEL.match(value) or len(value) > 253:
        raise ValueError(f"Invalid {what} {value!r}: use lower-case letters, digits, '-' and '.'.")


def _write_pid(path: Path, pid: int) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(str(pid))
    os.replace(temporary, path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        loaded: dict[str, Any] = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return loaded


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _parse(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _terminal_status(data: dict[str, Any]) -> PodStatus:
    code = int(data.get("exit_code", 1))
    return PodStatus(
        PodPhase.SUCCEEDED if code == 0 else PodPhase.FAILED,
        exit_code=code,
        reason=str(data.get("reason", "")),
        message=str(data.get("message", "")),
        started_at=_parse(data.get("started_at")),
        finished_at=_parse(data.get("finished_at")),
    )


def _process_alive(pid: int) -> bool:
    """Whether ``pid`` runs (zombies count as ended; they only wait for their parent to reap them)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X")


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)
