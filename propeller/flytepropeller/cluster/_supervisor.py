"""Supervisor of one local pod: runs the task process and records how it ended.

``LocalCluster`` starts this file as its own process (``python -I _supervisor.py <pod state dir>``)
in a new session, with the task's environment, so a pod outlives the propeller process that
created it. It reads ``spec.json``, starts the command with its own environment and the working
directory and limits given there, appends its
output to the log file, enforces the timeout, and finally writes ``status.json`` atomically. A
SIGTERM (pod deletion) is passed on to the task process. Standard library only: it runs isolated.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_GRACE_SECONDS = 5.0
_TAIL_BYTES = 2048
_TAIL_LINES = 80


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text(json.dumps(data))
        os.replace(temporary, path)
    except OSError:
        pass  # the pod was deleted while we were finishing; nobody reads this any more


def _limit_memory(limit: int | None) -> None:
    if limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _log_tail(log_path: Path) -> str:
    """The end of the log, like Kubernetes' FallbackToLogsOnError termination message."""
    try:
        with open(log_path, "rb") as log:
            log.seek(0, os.SEEK_END)
            size = log.tell()
            log.seek(max(0, size - _TAIL_BYTES))
            lines = log.read().decode("utf-8", errors="replace").splitlines()[-_TAIL_LINES:]
    except OSError:
        return ""
    return "\n".join(lines)


def main(state_dir: Path) -> int:
    pid_file = state_dir / "pid.tmp-supervisor"
    pid_file.write_text(str(os.getpid()))
    os.replace(pid_file, state_dir / "pid")
    spec: dict[str, Any] = json.loads((state_dir / "spec.json").read_text())
    log_path = Path(spec["log_path"])
    terminated = False

    def on_term(signum: int, frame: object) -> None:
        nonlocal terminated
        terminated = True

    signal.signal(signal.SIGTERM, on_term)
    started_at = _now()
    with open(log_path, "ab", buffering=0) as log:
        try:
            child = subprocess.Popen(
                spec["command"],
                env=os.environ,
                cwd=spec["cwd"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=lambda: _limit_memory(spec.get("memory_limit_bytes")),
            )
        except OSError as error:
            log.write(f"failed to start {spec['command'][:1]}: {error}\n".encode())
            _write_json(
                state_dir / "status.json",
                {
                    "exit_code": 127,
                    "reason": "StartError",
                    "message": f"could not start the task command: {error}",
                    "started_at": started_at,
                    "finished_at": _now(),
                },
            )
            return 0
        _write_json(state_dir / "running.json", {"child_pid": child.pid, "started_at": started_at})
        timeout = spec.get("timeout_seconds")
        deadline = time.monotonic() + timeout if timeout else None
        reason = ""
        while True:
            try:
                code = child.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            if terminated and not reason:
                reason = "Terminated"
                child.terminate()
                deadline = time.monotonic() + _GRACE_SECONDS
            elif deadline is not None and time.monotonic() > deadline:
                if not reason:
                    reason = "DeadlineExceeded"
                    child.terminate()
                    deadline = time.monotonic() + _GRACE_SECONDS
                else:
                    child.kill()
                    deadline = None
    exit_code = code if code >= 0 else 128 - code
    if not reason and exit_code != 0:
        reason = "Error"
    message = {
        "DeadlineExceeded": f"the pod ran longer than its timeout of {spec.get('timeout_seconds')}s",
        "Terminated": "the pod was deleted",
    }.get(reason, _log_tail(log_path) if exit_code else "")
    _write_json(
        state_dir / "status.json",
        {
            "exit_code": exit_code,
            "reason": reason,
            "message": message,
            "started_at": started_at,
            "finished_at": _now(),
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
