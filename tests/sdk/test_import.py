"""``import flytekit`` stays light: no gRPC, boto3 or dataframe libraries at import time."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("grpc", "boto3", "botocore", "pandas", "pyarrow", "numpy", "yaml", "flytekit.remote")


def test_import_flytekit_does_not_load_heavy_libraries() -> None:
    probe = "import sys, flytekit; print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in %r or m == 'flytekit.remote')))"
    result = subprocess.run(
        [sys.executable, "-c", probe % (HEAVY,)], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "", f"imported at `import flytekit`: {result.stdout}"


def test_public_names() -> None:
    import flytekit

    for name in (
        "task",
        "workflow",
        "LaunchPlan",
        "Resources",
        "current_context",
        "kwtypes",
        "WorkflowFailurePolicy",
    ):
        assert hasattr(flytekit, name), name
    from flytekit.core.context_manager import FlyteEntities
    from flytekit.core.python_auto_container import default_task_resolver

    assert isinstance(FlyteEntities.entities, list)
    assert default_task_resolver.location == "flytekit.core.python_auto_container.default_task_resolver"
