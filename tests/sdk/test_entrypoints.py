"""``pyflyte-execute``, ``pyflyte-fast-execute`` and ``pyflyte-map-execute`` as real subprocesses.

Each test writes an ``inputs.pb`` with the type engine, runs the entry point on a task of
``reference_flows/runtime_flows`` and reads back ``outputs.pb`` or ``error.pb``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

from flyteidl.core import errors_pb2, execution_pb2, literals_pb2
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from tests.services.s3 import S3Bucket, S3Server

FLOWS = Path(__file__).parent / "reference_flows"
BIN = Path(sys.executable).parent
RESOLVER = "flytekit.core.python_auto_container.default_task_resolver"


def write_inputs(path: Path, values: dict[str, Any], types: dict[str, Any]) -> None:
    ctx = FlyteContextManager.current_context()
    path.write_bytes(TypeEngine.dict_to_literal_map(ctx, values, types).SerializeToString())


def execute(
    task_name: str,
    inputs: str,
    output_prefix: str,
    *,
    command: str = "pyflyte-execute",
    env: dict[str, str] | None = None,
    cwd: Path = FLOWS,
    module: str = "runtime_flows.tasks",
) -> subprocess.CompletedProcess[str]:
    args = [
        str(BIN / command),
        "--inputs", inputs,
        "--output-prefix", output_prefix,
        "--raw-output-data-prefix", output_prefix + "/raw",
        "--checkpoint-path", output_prefix + "/checkpoint",
        "--prev-checkpoint", '""',
        "--resolver", RESOLVER,
        "--", "task-module", module, "task-name", task_name,
    ]  # fmt: skip
    return subprocess.run(
        args, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=60
    )


def read_outputs(path: Path) -> literals_pb2.LiteralMap:
    lm = literals_pb2.LiteralMap()
    lm.ParseFromString(path.read_bytes())
    return lm


def read_error(path: Path) -> errors_pb2.ContainerError:
    doc = errors_pb2.ErrorDocument()
    doc.ParseFromString(path.read_bytes())
    return doc.error


def test_outputs_are_written_as_a_literal_map(tmp_path: Path) -> None:
    write_inputs(
        tmp_path / "inputs.pb",
        {"x": 3, "xs": [1, 2], "table": {"a": [1.0, 2.0], "b": []}},
        {"x": int, "xs": list[int], "table": dict[str, list[float]]},
    )
    result = execute("summarize", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(os.listdir(tmp_path / "out")) == ["outputs.pb"]
    outputs = TypeEngine.literal_map_to_kwargs(
        FlyteContextManager.current_context(),
        read_outputs(tmp_path / "out" / "outputs.pb"),
        {"o0": int, "o1": dict[str, int]},
    )
    assert outputs == {"o0": 6, "o1": {"a": 2, "b": 0}}


def test_file_uris_and_an_empty_output_map(tmp_path: Path) -> None:
    (tmp_path / "inputs.pb").write_bytes(literals_pb2.LiteralMap().SerializeToString())
    result = execute("nothing", f"file://{tmp_path}/inputs.pb", f"file://{tmp_path}/out")
    assert result.returncode == 0, result.stderr
    assert read_outputs(tmp_path / "out" / "outputs.pb") == literals_pb2.LiteralMap()


def test_user_exception_becomes_a_user_error_document(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 16}, {"x": int})
    result = execute("explode", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr  # user errors exit 0 unless FLYTE_FAIL_ON_ERROR
    assert sorted(os.listdir(tmp_path / "out")) == ["error.pb"]
    error = read_error(tmp_path / "out" / "error.pb")
    assert error.code == "USER:RuntimeError"
    assert error.origin == execution_pb2.ExecutionError.USER
    assert error.kind == errors_pb2.ContainerError.NON_RECOVERABLE
    assert error.message.startswith("Trace:\n\n    Traceback (most recent call last):\n")
    assert 'runtime_flows/tasks.py", line' in error.message and "in explode" in error.message
    assert error.message.endswith("Message:\n\n    ValueError: value 16 is over the limit")
    assert "flytekit/core" not in error.message, "frames of the SDK before the user's code are dropped"
    assert error.timestamp.seconds > 0


def test_recoverable_exception_is_retryable(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 1}, {"x": int})
    result = execute("flaky", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    error = read_error(tmp_path / "out" / "error.pb")
    assert (error.code, error.kind, error.origin) == (
        "USER:Recoverable",
        errors_pb2.ContainerError.RECOVERABLE,
        execution_pb2.ExecutionError.USER,
    )
    assert "FlyteRecoverableException: try again later (1)" in error.message


def test_output_of_the_wrong_type_is_reported_like_flytekit(tmp_path: Path) -> None:
    # flytekit 1.16 lets the transformer's error escape the user-code boundary: a SYSTEM error.
    write_inputs(tmp_path / "inputs.pb", {"x": 1}, {"x": int})
    execute("wrong_output", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    error = read_error(tmp_path / "out" / "error.pb")
    assert error.code == "SYSTEM"
    assert error.origin == execution_pb2.ExecutionError.SYSTEM
    assert (
        "    TypeTransformerFailedError: Failed to convert outputs of task "
        "'runtime_flows.tasks.wrong_output' at position 0.\n    Failed to convert type"
    ) in error.message


def test_missing_module_is_a_user_error(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 1}, {"x": int})
    execute("explode", str(tmp_path / "inputs.pb"), str(tmp_path / "out"), module="runtime_flows.missing")
    error = read_error(tmp_path / "out" / "error.pb")
    assert error.code == "USER:RuntimeError"
    assert error.origin == execution_pb2.ExecutionError.USER
    assert "ModuleNotFoundError: No module named 'runtime_flows.missing'" in error.message


def test_inputs_that_do_not_match_the_interface_are_a_system_error(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 1, "y": 2}, {"x": int, "y": int})
    execute("explode", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    error = read_error(tmp_path / "out" / "error.pb")
    assert (error.code, error.origin, error.kind) == (
        "SYSTEM",
        execution_pb2.ExecutionError.SYSTEM,
        errors_pb2.ContainerError.NON_RECOVERABLE,
    )
    assert "Received more input values 2 than allowed by the input spec 1" in error.message


def test_ignore_outputs_writes_nothing(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 1}, {"x": int})
    result = execute("follower", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "out").exists()


def test_fail_on_error_exits_non_zero(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 1}, {"x": int})
    result = execute(
        "explode", str(tmp_path / "inputs.pb"), str(tmp_path / "out"), env={"FLYTE_FAIL_ON_ERROR": "true"}
    )
    assert result.returncode == 1
    assert (tmp_path / "out" / "error.pb").exists()


def test_map_execute_loads_the_task_through_the_resolver(tmp_path: Path) -> None:
    write_inputs(
        tmp_path / "inputs.pb",
        {"x": 2, "xs": [], "table": {}},
        {"x": int, "xs": list[int], "table": dict[str, list[float]]},
    )
    result = execute(
        "summarize", str(tmp_path / "inputs.pb"), str(tmp_path / "out"), command="pyflyte-map-execute"
    )
    assert result.returncode == 0, result.stderr
    assert read_outputs(tmp_path / "out" / "outputs.pb").literals["o0"].scalar.primitive.integer == 2


def test_fast_execute_unpacks_the_code_and_runs_the_task(tmp_path: Path) -> None:
    archive = tmp_path / "fastcode.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(
            FLOWS / "runtime_flows",
            arcname="runtime_flows",
            filter=lambda t: None if "__pycache__" in t.name else t,
        )
    write_inputs(
        tmp_path / "inputs.pb",
        {"x": 1, "xs": [4], "table": {}},
        {"x": int, "xs": list[int], "table": dict[str, list[float]]},
    )
    dest = tmp_path / "code"
    workdir = tmp_path / "workdir"
    workdir.mkdir()
    args = [
        str(BIN / "pyflyte-fast-execute"),
        "--additional-distribution", f"file://{archive}",
        "--dest-dir", str(dest),
        "--",
        "pyflyte-execute",
        "--inputs", str(tmp_path / "inputs.pb"),
        "--output-prefix", str(tmp_path / "out"),
        "--raw-output-data-prefix", str(tmp_path / "raw"),
        "--resolver", RESOLVER,
        "--", "task-module", "runtime_flows.tasks", "task-name", "summarize",
    ]  # fmt: skip
    # The working directory does not contain the code: only the unpacked distribution does.
    result = subprocess.run(args, cwd=workdir, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (dest / "runtime_flows" / "tasks.py").exists()
    assert read_outputs(tmp_path / "out" / "outputs.pb").literals["o0"].scalar.primitive.integer == 5


def test_fast_execute_refuses_an_unfilled_distribution_template(tmp_path: Path) -> None:
    args = [
        str(BIN / "pyflyte-fast-execute"),
        "--additional-distribution", "{{ .remote_package_path }}",
        "--dest-dir", str(tmp_path),
        "--", "pyflyte-execute", "--inputs", "x", "--output-prefix", "y",
    ]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "unfilled template" in result.stderr


@pytest.mark.integration
def test_inputs_and_outputs_on_s3(tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket) -> None:
    write_inputs(
        tmp_path / "inputs.pb",
        {"x": 5, "xs": [1], "table": {"k": [1.0]}},
        {"x": int, "xs": list[int], "table": dict[str, list[float]]},
    )
    s3_bucket.client.upload_file(str(tmp_path / "inputs.pb"), s3_bucket.name, "metadata/n0/inputs.pb")
    env = {
        "FLYTE_AWS_ENDPOINT": s3_server.endpoint_url,
        "FLYTE_AWS_ACCESS_KEY_ID": s3_server.access_key_id,
        "FLYTE_AWS_SECRET_ACCESS_KEY": s3_server.secret_access_key,
    }
    prefix = f"s3://{s3_bucket.name}/metadata/n0/0"
    result = execute("summarize", f"s3://{s3_bucket.name}/metadata/n0/inputs.pb", prefix, env=env)
    assert result.returncode == 0, result.stderr
    body = s3_bucket.client.get_object(Bucket=s3_bucket.name, Key="metadata/n0/0/outputs.pb")["Body"].read()
    assert literals_pb2.LiteralMap.FromString(body).literals["o0"].scalar.primitive.integer == 6


def test_unions_enums_dataclasses_and_dicts_round_trip(tmp_path: Path) -> None:
    sys.path.insert(0, str(FLOWS))
    try:
        from runtime_flows.tasks import Mood, Note, Reply  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(FLOWS))
    note = Note("hi", Mood.CALM, ["a", "b"])
    write_inputs(
        tmp_path / "inputs.pb",
        {"note": note, "mood": None, "meta": {"k": [1, 2]}},
        {"note": Note, "mood": Mood | None, "meta": dict},
    )
    result = execute("annotate", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    outputs = TypeEngine.literal_map_to_kwargs(
        FlyteContextManager.current_context(),
        read_outputs(tmp_path / "out" / "outputs.pb"),
        {"o0": Note, "o1": int | str, "o2": dict},
    )
    assert outputs == {
        "o0": Note("HI", Mood.CALM, ["a", "b"], reply=Reply("hi", 1)),
        "o1": 2,
        "o2": {"k": [1, 2], "seen": True},
    }


def test_checkpoints_are_saved_and_restored_across_attempts(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", {"x": 1}, {"x": int})
    first = execute("resume", str(tmp_path / "inputs.pb"), str(tmp_path / "a1"))
    assert first.returncode == 0, first.stderr
    ctx = FlyteContextManager.current_context()
    outputs = read_outputs(tmp_path / "a1" / "outputs.pb")
    assert TypeEngine.to_python_value(ctx, outputs.literals["o0"], str) == "False:None"
    assert (tmp_path / "a1" / "checkpoint" / "_dst_cp").read_bytes() == b"state-1"

    write_inputs(tmp_path / "inputs2.pb", {"x": 2}, {"x": int})
    args = [
        str(BIN / "pyflyte-execute"),
        "--inputs", str(tmp_path / "inputs2.pb"),
        "--output-prefix", str(tmp_path / "a2"),
        "--raw-output-data-prefix", str(tmp_path / "a2" / "raw"),
        "--checkpoint-path", str(tmp_path / "a2" / "checkpoint"),
        "--prev-checkpoint", str(tmp_path / "a1" / "checkpoint"),
        "--resolver", RESOLVER,
        "--", "task-module", "runtime_flows.tasks", "task-name", "resume",
    ]  # fmt: skip
    second = subprocess.run(args, cwd=FLOWS, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr
    outputs = read_outputs(tmp_path / "a2" / "outputs.pb")
    assert TypeEngine.to_python_value(ctx, outputs.literals["o0"], str) == "True:state-1"
    assert (tmp_path / "a2" / "checkpoint" / "_dst_cp").read_bytes() == b"state-2"
