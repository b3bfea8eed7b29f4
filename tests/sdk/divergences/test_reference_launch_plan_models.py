"""LaunchPlan.parameters, fixed_inputs and interface are flytekit.models values, as in flytekit 1.16.31."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flyteidl.core import interface_pb2, literals_pb2, types_pb2
from flytekit.models.interface import Parameter, ParameterMap, TypedInterface, Variable
from flytekit.models.literals import LiteralMap
from tests.reference.venvs import ensure_venv

SCRIPT = """
import json, typing
from flytekit import LaunchPlan, task, workflow

@task
def t(a: int, b: str) -> int:
    return a

@workflow
def wf(a: int, b: str = "x", c: typing.List[int] = [1], d: typing.Optional[int] = None) -> int:
    return t(a=a, b=b)

lp = LaunchPlan.get_or_create(wf, name="lp", default_inputs={"a": 3}, fixed_inputs={"b": "q"})
kind = lambda v: type(v).__module__ + "." + type(v).__qualname__
params = lp.parameters.parameters
print(json.dumps({
    "parameters": kind(lp.parameters),
    "parameter": sorted({kind(p) for p in params.values()}),
    "var": sorted({kind(p.var) for p in params.values()}),
    "type": sorted({kind(p.var.type) for p in params.values()}),
    "default": sorted({kind(p.default) for p in params.values()}),
    "required": {k: p.required for k, p in params.items()},
    "names": sorted(params),
    "fixed_inputs": kind(lp.fixed_inputs),
    "interface": kind(lp.interface),
    "interface_inputs": {k: kind(v) for k, v in lp.interface.inputs.items()},
    "interface_outputs": {k: kind(v.type) for k, v in lp.interface.outputs.items()},
    "fixed": {k: kind(v) for k, v in lp.fixed_inputs.literals.items()},
    "idl": [lp.parameters.to_flyte_idl().SerializeToString(deterministic=True).hex(),
            lp.fixed_inputs.to_flyte_idl().SerializeToString(deterministic=True).hex(),
            lp.interface.to_flyte_idl().SerializeToString(deterministic=True).hex()],
}, sort_keys=True))
"""


def _observe(python: Path, tmp: Path) -> dict[str, object]:
    script = tmp / "lp_flows.py"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(SCRIPT)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "PYTHONPATH"))}
    env["HOME"] = str(tmp)
    result = subprocess.run(
        [str(python), script.name], cwd=tmp, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    observed: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return observed


@pytest.mark.integration
def test_launch_plan_inputs_have_the_reference_types(tmp_path: Path) -> None:
    reference = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    assert _observe(Path(sys.executable), tmp_path / "ours") == _observe(reference.python, tmp_path / "ref")


def test_interface_models_round_trip() -> None:
    message = interface_pb2.ParameterMap()
    message.parameters["a"].var.type.simple = types_pb2.INTEGER
    message.parameters["a"].var.description = "a"
    message.parameters["a"].required = True
    message.parameters["b"].var.type.simple = types_pb2.STRING
    message.parameters["b"].default.scalar.primitive.string_value = "x"
    parameters = ParameterMap.from_flyte_idl(message)
    assert parameters.to_flyte_idl() == message
    assert parameters.parameters["a"].required and parameters.parameters["a"].default is None
    assert parameters.parameters["b"].behavior == parameters.parameters["b"].default
    assert isinstance(parameters.parameters["b"], Parameter) and isinstance(
        parameters.parameters["b"].var, Variable
    )
    typed = interface_pb2.TypedInterface()
    typed.inputs.variables["x"].type.simple = types_pb2.FLOAT
    typed.outputs.variables["o0"].type.simple = types_pb2.BOOLEAN
    assert TypedInterface.from_flyte_idl(typed).to_flyte_idl() == typed
    fixed = literals_pb2.LiteralMap()
    fixed.literals["b"].scalar.primitive.integer = 3
    assert LiteralMap.from_flyte_idl(fixed).to_flyte_idl() == fixed
