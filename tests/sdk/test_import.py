"""``import flytekit`` stays light: no protobuf, gRPC, HTTP, boto3, dataframe or codec libraries at import
time (protobuf modules load on first use through ``flytekit._lazy``)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("grpc", "boto3", "botocore", "pandas", "pyarrow", "numpy", "yaml", "flytekit.remote")
NOT_AT_IMPORT = ("google.protobuf", "grpc", "httpx", "boto3", "pandas", "yaml", "msgpack", "mashumaro")


def test_import_flytekit_does_not_load_heavy_libraries() -> None:
    probe = "import sys, flytekit; print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in %r or m == 'flytekit.remote')))"
    result = subprocess.run(
        [sys.executable, "-c", probe % (HEAVY,)], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "", f"imported at `import flytekit`: {result.stdout}"


def test_import_flytekit_loads_no_protobuf_or_codecs() -> None:
    probe = (
        "import sys, flytekit, json; "
        "print(json.dumps(sorted(m for m in sys.modules if m.endswith('_pb2') or m.startswith(%r))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe % (NOT_AT_IMPORT,)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]", f"imported at `import flytekit`: {result.stdout}"


def test_lazy_protobuf_modules_load_on_first_use() -> None:
    probe = (
        "import sys\n"
        "from flytekit import Resources, task, workflow\n"
        "@task\n"
        "def double(x: int) -> int:\n"
        "    return 2 * x\n"
        "@workflow\n"
        "def wf(x: int) -> int:\n"
        "    return double(x=x)\n"
        "assert wf(x=3) == 6\n"
        "assert Resources(cpu=1).to_entries()[0].name == 1  # tasks_pb2.Resources.CPU\n"
        "assert 'flyteidl.core.literals_pb2' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_failure_policy_values_match_the_idl() -> None:
    from flyteidl.core import workflow_pb2
    from flytekit import WorkflowFailurePolicy

    for policy in WorkflowFailurePolicy:
        assert policy.value == workflow_pb2.WorkflowMetadata.OnFailurePolicy.Value(policy.name)


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
