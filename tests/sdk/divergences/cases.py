"""Run one flows module's ``CASES`` with some interpreter through the corpus's ``run_cases.py``.

The module is copied into a fresh ``corpus_flows`` package next to a copy of the runner, so the
reference interpreter sees exactly the same user code as ours; results are the runner's JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

RUNNER = Path(__file__).parents[1] / "corpus" / "run_cases.py"


def run_module_cases(python: Path, module: Path, workdir: Path) -> dict[str, Any]:
    package = workdir / "corpus_flows"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    shutil.copy(module, package / module.name)
    shutil.copy(RUNNER, workdir / RUNNER.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "PYTHONPATH", "VIRTUAL_ENV"))}
    env["HOME"] = str(workdir / "home")
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    out = workdir / "results.json"
    result = subprocess.run(
        [str(python), RUNNER.name, str(out), module.stem],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{python} run_cases failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    results: dict[str, Any] = json.loads(out.read_text())
    return results
