"""Runs inside the reference flytekit 1.16.31 venv (never imported by the test process).

usage: python reference_client.py CONFIG PROJECT DOMAIN WORKFLOW INPUTS_JSON
Fetches the latest version of WORKFLOW with FlyteRemote, executes it with the inputs, waits, and
prints one JSON line: {"phase": <name>, "outputs": {...}, "error": <message or null>}.
"""

import json
import sys

from flytekit.configuration import Config
from flytekit.models.core.execution import WorkflowExecutionPhase
from flytekit.remote import FlyteRemote


def main() -> None:
    config, project, domain, workflow, inputs = sys.argv[1:6]
    remote = FlyteRemote(Config.auto(config_file=config), default_project=project, default_domain=domain)
    flyte_wf = remote.fetch_workflow(name=workflow)
    execution = remote.execute(flyte_wf, inputs=json.loads(inputs), wait=True)
    phase = WorkflowExecutionPhase.enum_to_string(execution.closure.phase)
    outputs = {}
    if execution.outputs is not None and phase == "SUCCEEDED":
        for name in execution.outputs.literals:
            outputs[name] = execution.outputs.get(name)
    error = execution.error.message if execution.error else None
    print(json.dumps({"phase": phase, "outputs": outputs, "error": error}, default=str))


if __name__ == "__main__":
    main()
