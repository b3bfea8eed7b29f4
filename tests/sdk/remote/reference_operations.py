"""Runs inside the reference flytekit 1.16.31 venv (never imported by the test process).

usage: python reference_operations.py CONFIG PROJECT DOMAIN EXECUTION
Lists the execution's signals, approves ``approve``, sets ``count`` to 5, relaunches and recovers the
execution, activates and lists launch plans, and prints one JSON line with what it saw.
"""

import json
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
