"""Benchmark: per-task overhead of local workflow execution, ours against the reference flytekit 1.16.31.

Two modules are generated into a temporary folder, each with `@task def step(x: int) -> int:
return x + 1` and a `@workflow` whose body chains `step` in a Python loop: one with N steps
(default 200) and one with a single step. Each sample is a fresh interpreter that imports
`flytekit` and the generated module, then times one local call of the workflow in-process with
`time.perf_counter`. flytekit compiles a `@workflow` lazily on first use, so the call covers
compiling the chain as well as running it. Per-task overhead is (time with N steps - time with
1 step) / (N - 1), which cancels interpreter start, first-call warm-up and everything else that
does not grow with the chain. Samples alternate between the two environments so machine noise
hits both alike. Prints a Markdown table row for bench/RESULTS.md. A failing workload is reported
with its output and stops the benchmark: failures are findings, not something to work around here.

usage: .venv/bin/python bench/local_chain.py [--samples 5] [--tasks 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.reference.venvs import ensure_venv  # noqa: E402

MODULE = """from flytekit import task, workflow


@task
def step(x: int) -> int:
    return x + 1


@workflow
def chain(x: int = 0) -> int:
    for _ in range({n}):
        x = step(x=x)
    return x
"""

PROBE = """
import time
import flytekit
import {module} as m
start = time.perf_counter()
result = m.chain(x=0)
elapsed = time.perf_counter() - start
assert result == {n}, result
print(elapsed)
"""


def sample(python: str, folder: Path, n: int) -> float:
    # Bytecode caching stays on for both sides (see import_time.py: an inherited
    # PYTHONDONTWRITEBYTECODE would time compiling our editable source against a pip-compiled reference).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")
    }
    code = PROBE.format(module=f"chain_{n}", n=n)
    result = subprocess.run([python, "-c", code], cwd=folder, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"chain of {n} failed with {python}:\n{result.stdout}\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=200)
    args = parser.parse_args()
    n = args.tasks
    pythons = {
        "ours": sys.executable,
        "reference": str(ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).python),
    }
    per_task: dict[str, list[float]] = {label: [] for label in pythons}
    with tempfile.TemporaryDirectory(prefix="bench-local-chain-") as tmp:
        folder = Path(tmp)
        for size in (1, n):
            (folder / f"chain_{size}.py").write_text(MODULE.format(n=size))
        for python in pythons.values():  # warm the OS file cache and write the .pyc files once
            sample(python, folder, 1)
            sample(python, folder, n)
        for _ in range(args.samples):
            for label, python in pythons.items():
                per_task[label].append((sample(python, folder, n) - sample(python, folder, 1)) / (n - 1))
    ours_ms = statistics.median(per_task["ours"]) * 1000
    ref_ms = statistics.median(per_task["reference"]) * 1000
    print(
        f"| local run: per-task overhead, chain of {n} (median of {args.samples}) "
        f"| {ours_ms:.2f} ms | {ref_ms:.2f} ms | {ours_ms / ref_ms:.2f}x |"
    )


if __name__ == "__main__":
    main()
