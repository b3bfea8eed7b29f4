"""Isolated virtual environments holding reference packages (real flyteidl, real flytekit).

Tests never import reference packages into their own process: our distribution provides the same
import names (``flyteidl``, ``flytekit``). Instead a venv is built once under the cache folder and
kept between runs; tests run its interpreter as a subprocess.

The cache folder is ``$FLYTE_PY_CACHE`` or ``~/.cache/flyte-py``. A venv is rebuilt when its
requirement list changes; concurrent builders serialize on a lock file.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The reference flytekit with the same third-party versions as our .venv, for cases that need them
# (dataframes, numpy, pydantic, pickles). One name, one list: a venv is rebuilt when its list changes.
REFERENCE_FULL_NAME = "flytekit-1.16.31-full"
REFERENCE_FULL_REQUIREMENTS = [
    "flytekit==1.16.31",
    "pandas==3.1.1",
    "pyarrow==26.0.1",
    "numpy==2.4.6",
    "pydantic==2.14.3",
]


def cache_root() -> Path:
    return Path(os.environ.get("FLYTE_PY_CACHE", Path.home() / ".cache" / "flyte-py"))


@dataclass(frozen=True)
class ReferenceVenv:
    """A built venv: its root folder and the interpreter to run reference code with."""

    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def bin(self, name: str) -> Path:
        return self.root / "bin" / name

    def run(self, *args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        """Run ``python *args`` inside the venv with a clean environment (no PYTHONPATH leaks)."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{self.root / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run([str(self.python), *args], env=env, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


def ensure_venv(name: str, requirements: list[str]) -> ReferenceVenv:
    """Return the venv ``name`` with exactly ``requirements`` installed, building it if needed."""
    root = cache_root() / "venvs" / name
    marker = root / ".requirements"
    wanted = "\n".join(sorted(requirements)) + "\n"
    digest = hashlib.sha256(wanted.encode()).hexdigest()
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists() and marker.read_text() == digest and (root / "bin" / "python").exists():
            return ReferenceVenv(root)
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
        pip = [str(root / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        result = subprocess.run([*pip, *requirements], capture_output=True, text=True)
        if result.returncode != 0:
            shutil.rmtree(root, ignore_errors=True)
            raise RuntimeError(
                f"Could not build the reference venv {name!r} with {requirements}: "
                f"pip said:\n{result.stdout}\n{result.stderr}"
            )
        marker.write_text(digest)
        return ReferenceVenv(root)
