"""FlyteRemote end to end: fast-register a script, execute it on admin + local propeller, read results."""

from __future__ import annotations

import pytest

from flyteidl.core import execution_pb2 as core_execution_pb2
from flytekit.errors import FlyteAssertion
from flytekit.remote import FlyteWorkflow
from tests.sdk.remote.platform import BOOM, HELLO, RunningPlatform, UserProject

pytestmark = pytest.mark.integration


def test_register_script_then_execute_and_wait_gives_outputs(
    platform: RunningPlatform, user_project: UserProject
) -> None:
    remote = platform.admin.remote()
    user_project.write("hello", HELLO)
    module = user_project.load("hello")
    registered = remote.register_script(module.wf, source_path=str(user_project.root))
    assert isinstance(registered, FlyteWorkflow)
    assert len(registered.version) == 22
    task_args = list(registered.flyte_tasks[0].container.args)
    assert task_args[:2] == ["pyflyte-fast-execute", "--additional-distribution"]
    assert task_args[2].startswith("file://") and "/fast" in task_args[2]
    execution = remote.execute(registered, inputs={"name": "ann", "xs": [4, 5]}, wait=True)
    assert execution.is_done and execution.is_successful
    assert execution.outputs["o0"] == "hello ann hello ann"
    assert execution.outputs.get("o1", as_type=float) == 13.5
    assert list(execution.outputs) == ["o0", "o1"]
    assert execution.inputs is not None and execution.inputs["times"] == 2
    assert {"n0", "n1"} <= set(execution.node_executions)


def test_a_raising_task_gives_a_failed_execution_with_the_user_error(
    platform: RunningPlatform, user_project: UserProject
) -> None:
    remote = platform.admin.remote()
    user_project.write("boom", BOOM)
    module = user_project.load("boom")
    registered = remote.register_script(module.wf, source_path=str(user_project.root))
    execution = remote.wait(remote.execute(registered, inputs={"n": 7}), timeout=60, poll_interval=0.1)
    assert execution.phase == core_execution_pb2.WorkflowExecution.FAILED
    assert execution.error is not None
    assert "ValueError: bad n 7" in execution.error.message
    with pytest.raises(FlyteAssertion, match="has no outputs"):
        _ = execution.outputs
