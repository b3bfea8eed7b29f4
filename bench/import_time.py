"""Benchmark: cold `import flytekit`, ours against the reference flytekit 1.16.31, side by side.

Each sample is a fresh interpreter (`python -X importtime -c "import flytekit"` is not used: it
adds its own overhead); the wall time of `python -c "import flytekit"` minus that of `python -c
"pass"` in the same environment is the import cost. Samples alternate between the two
environments so machine noise hits both alike. Prints a Markdown table row for bench/RESULTS.md.

Both sides run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` dropped from the environment,
one warm-up import writes ``__pycache__``): pip compiled the reference at install time, while our
packages are editable source, so leaving the flag set would time our compiler, not our imports.

usage: .venv/bin/python bench/import_time.py [--samples 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.reference.venvs import ensure_venv  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(python: str, code: str) -> float:
    start = time.perf_counter()
    subprocess.run([python, "-c", code], check=True, cwd="/", env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args()
    reference = str(ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"]).python)
    ours = sys.executable
    for python in (ours, reference):  # warm the OS file cache and __pycache__ once
        wall(python, "import flytekit")
    costs: dict[str, list[float]] = {"ours": [], "reference": []}
    for _ in range(args.samples):
        for label, python in (("ours", ours), ("reference", reference)):
            costs[label].append(wall(python, "import flytekit") - wall(python, "pass"))
    ours_s = statistics.median(costs["ours"])
    ref_s = statistics.median(costs["reference"])
    print(
        f"| `import flytekit` (median of {args.samples}) | {ours_s:.3f} s | {ref_s:.3f} s | {ours_s / ref_s:.2f}x |"
    )


if __name__ == "__main__":
    main()
