"""Task logs written by the local cluster: ``<logs dir>/<namespace>/<pod>.log``, served over HTTP so
the log links propeller reports (``/api/v1/logs/<namespace>/<pod>``) work in a browser."""

from __future__ import annotations

import re
from pathlib import Path

from flyteadmin.errors import InvalidArgument, NotFound

__all__ = ["TaskLogService"]

_NAME = re.compile(r"^[A-Za-z0-9][-A-Za-z0-9_.]{0,252}$")


class TaskLogService:
    def __init__(self, logs_dir: Path) -> None:
        self._logs_dir = logs_dir

    def read(self, namespace: str, pod: str) -> bytes:
        for label, value in (("namespace", namespace), ("pod", pod)):
            if not _NAME.match(value) or ".." in value:
                raise InvalidArgument(f"invalid value for {label}: {value!r} is not a namespace or pod name.")
        path = self._logs_dir / namespace / f"{pod}.log"
        try:
            return path.read_bytes()
        except FileNotFoundError as error:
            raise NotFound(f"No log for pod {namespace}/{pod}; the task may not have started yet.") from error
