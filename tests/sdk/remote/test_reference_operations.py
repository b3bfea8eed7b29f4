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

# Runs in the reference venv: lists the signals of an execution, approves ``approve``, sets
# ``count`` to 5, relaunches and recovers it, and prints one JSON line with what it saw.
REFERENCE_SCRIPT = """import json
import sys

from flytekit.configuration import Config
from flytekit.models.core.identifier import WorkflowExecutionIdentifier
from flytekit.remote import FlyteRemote


def main() -> None:
    config, project, domain, execution = sys.argv[1:5]
    remote = FlyteRemote(Config.auto(config_file=config), default_project=project, default_domain=domain)
    before = sorted(signal.id.signal_id for signal in remote.list_signals(execution))
    remote.approve("approve", execution)
    remote.set_input("count", execution, 5, python_type=int)
    values = {
        signal.id.signal_id: json.loads(
            json.dumps(signal.value.scalar.primitive.integer or signal.value.scalar.primitive.boolean)
        )
        for signal in remote.list_signals(execution)
    }
    original = WorkflowExecutionIdentifier(project, domain, execution)
    relaunched = remote.client.relaunch_execution(original, name="refrelaunch")
    recovered = remote.client.recover_execution(original, name="refrecover")
    print(
        json.dumps(
            {
                "before": before,
                "values": values,
                "relaunched": relaunched.name,
                "recovered": recovered.name,
            }
        )
    )


if __name__ == "__main__":
    main()
"""


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
    script = tmp_path / "reference_operations.py"
    script.write_text(REFERENCE_SCRIPT)
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
