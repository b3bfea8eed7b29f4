"""The reference flytekit 1.16.31 client against our admin: signals (list, approve, set_input) and
relaunch/recover work unchanged."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from flyteidl.admin import execution_pb2, signal_pb2
from flyteidl.core import identifier_pb2, types_pb2
from tests.reference.venvs import ensure_venv
from tests.sdk.remote.platform import DOMAIN, HELLO, PROJECT, RunningAdmin, UserProject

pytestmark = pytest.mark.integration


def test_reference_client_sets_signals_and_reruns(
    admin: RunningAdmin, user_project: UserProject, tmp_path: Path
) -> None:
    remote = admin.remote()
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    workflow = remote.register_workflow(module.wf, version="refops")
    execution = remote.execute(workflow, inputs={}, execution_name="refgates")
    for signal_id, simple in (("approve", types_pb2.BOOLEAN), ("count", types_pb2.INTEGER)):
        remote.client.raw._call(
            "signal",
            "GetOrCreateSignal",
            signal_pb2.SignalGetOrCreateRequest(
                id=identifier_pb2.SignalIdentifier(signal_id=signal_id, execution_id=execution.id),
                type=types_pb2.LiteralType(simple=simple),
            ),
            signal_pb2.Signal,
        )
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    # Run a copy from a clean folder: this test folder's platform.py would shadow the stdlib module.
    script = tmp_path / "reference_operations.py"
    script.write_text(Path(__file__).with_name("reference_operations.py").read_text())
    config = admin.write_config_file(tmp_path)
    result = subprocess.run(
        [str(venv.bin("python")), str(script), str(config), PROJECT, DOMAIN, "refgates"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "before": ["approve", "count"],
        "values": {"approve": True, "count": 5},
        "relaunched": "refrelaunch",
        "recovered": "refrecover",
    }
    record = remote.client.get_execution(
        identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name="refrecover")
    )
    assert record.spec.metadata.mode == execution_pb2.ExecutionMetadata.RECOVERED
