"""Benchmark: `pyflyte --pkgs <pkg> package` wall time, ours against the reference flytekit 1.16.31.

A package of 100 modules, each holding one small task and one workflow calling it twice, is
generated into a temporary folder. Each sample is one fresh `pyflyte --pkgs benchpkg package
--image img:1 -o out.tgz -f` process run from that folder, timed from outside (so interpreter start,
imports, module loading, serialization and writing the archive all count). Samples alternate
between the two environments so machine noise hits both alike; one unmeasured run of each warms
the OS file cache. Prints a Markdown table row for bench/RESULTS.md. A failing command is reported
with its output and stops the benchmark: failures are findings, not something to work around here.

usage: .venv/bin/python bench/package.py [--samples 5] [--workflows 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.reference.venvs import ensure_venv  # noqa: E402

MODULE = """from flytekit import task, workflow


@task
def double_{i}(x: int) -> int:
    return x * 2


@workflow
def wf_{i}(x: int = {i}) -> int:
    return double_{i}(x=double_{i}(x=x))
"""


def generate(root: Path, workflows: int) -> None:
    package = root / "benchpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for i in range(workflows):
        (package / f"wf_{i:03d}.py").write_text(MODULE.format(i=i))


def wall(bin_dir: Path, cwd: Path) -> float:
    # Bytecode caching stays on for both sides (see import_time.py: an inherited
    # PYTHONDONTWRITEBYTECODE would time compiling our editable source against a pip-compiled reference).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    command = [
        str(bin_dir / "pyflyte"),
        "--pkgs",
        "benchpkg",
        "package",
        "--image",
        "img:1",
        "-o",
        "out.tgz",
        "-f",
    ]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or not (cwd / "out.tgz").exists():
        sys.exit(f"{' '.join(command)} failed in {bin_dir.parent}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--workflows", type=int, default=100)
    args = parser.parse_args()
    environments = {
        "ours": Path(sys.executable).parent,
        "reference": ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).python.parent,
    }
    times: dict[str, list[float]] = {label: [] for label in environments}
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        root = Path(tmp)
        generate(root, args.workflows)
        for bin_dir in environments.values():  # warm the OS file cache once
            wall(bin_dir, root)
        for _ in range(args.samples):
            for label, bin_dir in environments.items():
                times[label].append(wall(bin_dir, root))
    ours_s = statistics.median(times["ours"])
    ref_s = statistics.median(times["reference"])
    print(
        f"| `pyflyte --pkgs package`, {args.workflows} workflows (median of {args.samples}) "
        f"| {ours_s:.2f} s | {ref_s:.2f} s | {ours_s / ref_s:.2f}x |"
    )


if __name__ == "__main__":
    main()
