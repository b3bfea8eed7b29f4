"""``@dynamic``: local runs, validation, serialization settings transport and the run-time job spec."""

# Task calls are typed as returning Any; these bodies return them as declared outputs.
# mypy: disable-error-code="no-any-return"

from __future__ import annotations

import base64
import gzip
import json
import os
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.message import Message

from flyteidl.admin import task_pb2
from flyteidl.core import dynamic_job_pb2, literals_pb2
from flytekit import LaunchPlan, conditional, dynamic, task, workflow
from flytekit.configuration import SERIALIZED_CONTEXT_ENV_VAR, ImageConfig, SerializationSettings
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.python_function_task import PythonFunctionTask
from flytekit.core.type_engine import TypeEngine
from flytekit.tools.translator import get_serializable

FLOWS = Path(__file__).parent / "reference_flows"
BIN = Path(sys.executable).parent
SETTINGS = SerializationSettings(image_config=ImageConfig.auto(img_name="myreg/img:1"), env={"E1": "x"})


def test_loops_over_real_inputs_locally() -> None:
    @task
    def square(x: int) -> int:
        return x * x

    @dynamic
    def squares(n: int) -> list[int]:
        return [square(x=i) for i in range(n)]

    @workflow
    def wf(n: int) -> list[int]:
        return squares(n=n)

    assert squares.execution_mode == PythonFunctionTask.ExecutionBehavior.DYNAMIC
    assert squares(n=4) == [0, 1, 4, 9]
    assert wf(n=3) == [0, 1, 4]
    assert squares(n=0) == []


def test_nested_dynamics_conditionals_sub_workflows_and_launch_plans() -> None:
    @task
    def add(a: int, b: int) -> int:
        return a + b

    @workflow
    def plus_one(a: int) -> int:
        return add(a=a, b=1)

    lp = LaunchPlan.get_or_create(plus_one, name="test_dynamic_plus_one")

    @dynamic
    def inner(n: int) -> int:
        total = add(a=n, b=0)
        for _ in range(n):
            total = plus_one(a=total)
        return total

    @dynamic(node_dependency_hints=[lp])
    def outer(n: int) -> tuple[int, str]:
        x = lp(a=inner(n=n))
        label = "many" if n > 2 else "few"
        return conditional("c").if_(x > 4).then(add(a=x, b=100)).else_().then(add(a=x, b=0)), label

    assert outer(n=1) == (3, "few")
    assert outer(n=3) == (107, "many")


def test_node_dependency_hints_are_only_for_dynamic_tasks() -> None:
    def body(n: int) -> int:
        return n

    with pytest.raises(ValueError, match="node_dependency_hints should only be used"):
        task(body, node_dependency_hints=[])


def test_a_dynamic_task_declaring_outputs_must_return_them() -> None:
    @dynamic
    def forgets(n: int) -> int:
        return None  # type: ignore[return-value]

    with pytest.raises(Exception, match="returned nothing"):
        forgets(n=1)


def test_dynamic_tasks_carry_the_settings_in_f_ss_c() -> None:
    @dynamic
    def carries(n: int) -> int:
        return n

    @task
    def plain(n: int) -> int:
        return n

    spec = get_serializable(OrderedDict(), SETTINGS, carries)
    assert isinstance(spec, task_pb2.TaskSpec)
    env = {e.key: e.value for e in spec.template.container.env}
    assert list(env) == ["E1", SERIALIZED_CONTEXT_ENV_VAR]
    raw = base64.b64decode(env[SERIALIZED_CONTEXT_ENV_VAR])
    assert raw[4:8] == b"\0\0\0\0", "the gzip header must carry mtime 0 so the value is reproducible"
    transported = json.loads(gzip.decompress(raw))
    assert transported["env"] == {"E1": "x"}
    assert SerializationSettings.from_transport(env[SERIALIZED_CONTEXT_ENV_VAR]).env == {"E1": "x"}
    plain_spec = get_serializable(OrderedDict(), SETTINGS, plain)
    assert isinstance(plain_spec, task_pb2.TaskSpec)
    assert [e.key for e in plain_spec.template.container.env] == ["E1"]
    with_context = SETTINGS.with_serialized_context()
    assert with_context.with_serialized_context() is with_context


def test_node_dependency_hints_are_serialized_with_the_task() -> None:
    @task
    def hinted(n: int) -> int:
        return n

    @dynamic(node_dependency_hints=[hinted])
    def uses_hint(n: int) -> int:
        return hinted(n=n)

    mapping: OrderedDict[Any, Message] = OrderedDict()
    get_serializable(mapping, SETTINGS, uses_hint)
    assert list(mapping) == [hinted, uses_hint]


def _run(task_name: str, n: int, out: Path, extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    inputs = out.parent / "inputs.pb"
    ctx = FlyteContextManager.current_context()
    inputs.write_bytes(TypeEngine.dict_to_literal_map(ctx, {"n": n}, {"n": int}).SerializeToString())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "_F_"))},
        "FLYTE_INTERNAL_EXECUTION_PROJECT": "proj",
        "FLYTE_INTERNAL_EXECUTION_DOMAIN": "dev",
        "FLYTE_INTERNAL_EXECUTION_ID": "exec1",
        "FLYTE_INTERNAL_TASK_VERSION": "v9",
        **extra_env,
    }
    args = [
        str(BIN / "pyflyte-execute"), "--inputs", str(inputs), "--output-prefix", str(out),
        "--raw-output-data-prefix", str(out / "raw"), "--",
        "task-module", "dynamic_flows.flows", "task-name", task_name,
    ]  # fmt: skip
    return subprocess.run(args, cwd=FLOWS, env=env, capture_output=True, text=True, timeout=60)


def test_the_container_writes_a_job_spec(tmp_path: Path) -> None:
    context = SETTINGS.serialized_context
    result = _run("nested", 2, tmp_path / "out", {SERIALIZED_CONTEXT_ENV_VAR: context})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pb")) == ["futures.pb"]
    spec = dynamic_job_pb2.DynamicJobSpec()
    spec.ParseFromString((tmp_path / "out" / "futures.pb").read_bytes())
    assert [n.id for n in spec.nodes] == ["dn0"] and spec.min_successes == 1
    (template,) = spec.tasks
    # The nested dynamic task is compiled with the execution's project/domain and the task version,
    # and carries those settings on to its own run.
    assert (template.id.project, template.id.domain, template.id.name, template.id.version) == (
        "proj",
        "dev",
        "dynamic_flows.flows.squares",
        "v9",
    )
    env = {e.key: e.value for e in template.container.env}
    nested_settings = SerializationSettings.from_transport(env[SERIALIZED_CONTEXT_ENV_VAR])
    assert (nested_settings.project, nested_settings.version) == ("proj", "v9")
    assert spec.outputs[0].binding.promise.node_id == "dn0"


def test_a_body_without_nodes_writes_outputs(tmp_path: Path) -> None:
    result = _run("constant", 2, tmp_path / "out", {SERIALIZED_CONTEXT_ENV_VAR: SETTINGS.serialized_context})
    assert result.returncode == 0, result.stderr
    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString((tmp_path / "out" / "outputs.pb").read_bytes())
    ctx = FlyteContextManager.current_context()
    assert TypeEngine.to_python_value(ctx, outputs.literals["o0"], int) == 3
    assert TypeEngine.to_python_value(ctx, outputs.literals["o1"], list[str]) == ["a", "a"]
