"""ShellTask / RawShellTask: templating, outputs, failures, validation and how they serialize."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from flytekit import kwtypes, workflow
from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.errors import FlyteRecoverableException
from flytekit.extras.tasks.shell import (
    OutputLocation,
    RawShellTask,
    ShellTask,
    get_raw_shell_task,
    subproc_execute,
)
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile
from tests.sdk.containers._specs import task_spec

SETTINGS = SerializationSettings(
    image_config=ImageConfig(default_image=Image.look_up_image_info("default", "img:1"))
)

copy_and_tag = ShellTask(
    name="copy_and_tag",
    script="cp {inputs.src} {outputs.out} && echo '{inputs.tag} at {inputs.n}' >> {outputs.out}",
    inputs=kwtypes(src=FlyteFile, tag=str, n=int),
    output_locs=[OutputLocation(var="out", var_type=FlyteFile, location="{inputs.src}.tagged")],
)
two_outputs = ShellTask(
    name="two_outputs",
    shell="/bin/bash",
    script="mkdir -p {outputs.d} && echo x > {outputs.d}/a && echo y > {outputs.f}",
    inputs=kwtypes(base=str),
    output_locs=[
        OutputLocation(var="d", var_type=FlyteDirectory, location="{inputs.base}/dir"),
        OutputLocation(var="f", var_type=FlyteFile, location="{inputs.base}/file.txt"),
    ],
)
raw = get_raw_shell_task("raw")


def test_script_is_filled_and_file_output_returned(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("line\n")
    out = copy_and_tag(src=FlyteFile(str(src)), tag="v1", n=3)
    assert isinstance(out, FlyteFile)
    assert Path(out.path).read_text() == "line\nv1 at 3\n"
    assert copy_and_tag.result is not None and copy_and_tag.result.returncode == 0


def test_several_outputs_come_back_in_order(tmp_path: Path) -> None:
    d, f = two_outputs(base=str(tmp_path))
    assert isinstance(d, FlyteDirectory) and isinstance(f, FlyteFile)
    assert sorted(os.listdir(d.path)) == ["a"]
    assert Path(f.path).read_text() == "y\n"


def test_shell_task_in_a_workflow(tmp_path: Path) -> None:
    @workflow
    def wf(base: str) -> FlyteFile:
        f: FlyteFile
        _, f = two_outputs(base=base)
        return f

    assert Path(wf(base=str(tmp_path)).path).read_text() == "y\n"


def test_failing_script_is_a_recoverable_user_error() -> None:
    failing = ShellTask(name="failing", script="echo out; echo err >&2; exit 4")
    with pytest.raises(FlyteRecoverableException, match="return-code 4") as info:
        failing()
    assert "StdErr: err" in str(info.value)


def test_script_file_and_validation(tmp_path: Path) -> None:
    script = tmp_path / "s.sh"
    script.write_text("echo {inputs.a} > {outputs.o}\n")
    from_file = ShellTask(
        name="from_file",
        script_file=str(script),
        inputs=kwtypes(a=int),
        output_locs=[OutputLocation(var="o", var_type=FlyteFile, location=str(tmp_path / "o.txt"))],
    )
    assert Path(from_file(a=5).path).read_text() == "5\n"
    with pytest.raises(ValueError, match="Only either of script or script_file"):
        ShellTask(name="both", script="x", script_file=str(script))
    with pytest.raises(ValueError, match="Either a script or script_file"):
        ShellTask(name="neither")
    with pytest.raises(ValueError, match="cannot be loaded"):
        ShellTask(name="missing", script_file=str(tmp_path / "nope.sh"))
    with pytest.raises(ValueError, match="FlyteFile/FlyteDirectory"):
        ShellTask(
            name="bad", script="x", output_locs=[OutputLocation(var="o", var_type=int, location="/tmp/x")]
        )
    with pytest.raises(AttributeError, match="zzz"):  # as in flytekit: an attribute lookup on the inputs
        ShellTask(name="unknown", script="echo {inputs.zzz}")()


def test_raw_shell_task_exports_env_and_runs_the_script(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    script.write_text('echo "$GREETING $1" > result.txt\n')
    out = raw(env={"GREETING": "hi"}, script_args="there", script_file=str(script))
    assert isinstance(out, FlyteDirectory)
    assert (Path(out.path) / "result.txt").read_text() == "hi there\n"
    assert isinstance(raw, RawShellTask)
    bad = tmp_path / "bad.sh"
    bad.write_text("exit 2\n")
    with pytest.raises(subprocess.CalledProcessError):
        raw(env={}, script_args="", script_file=str(bad))


def test_serialized_like_flytekit_instance_task() -> None:
    spec = task_spec(SETTINGS, copy_and_tag)
    args = list(spec.template.container.args)
    assert args[-4:] == ["task-module", __name__, "task-name", "copy_and_tag"]
    assert spec.template.id.name == "copy_and_tag" and spec.template.type == "python-task"
    assert not spec.HasField("description")
    inner = copy_and_tag._config_task_instance
    assert inner.name == f"{__name__}._bash.copy_and_tag"
    inner_spec = task_spec(SETTINGS, inner)
    assert list(inner_spec.template.container.args)[-4:] == [
        "task-module",
        "flytekit.extras.tasks.shell",
        "task-name",
        "_dummy_task_func",
    ]
    assert (
        inner_spec.description.short_description
        == "A Fake function to satisfy the inner PythonTask requirements"
    )


def test_subproc_execute() -> None:
    assert subproc_execute(["echo", "hi"]).output == "hi\n"
    with pytest.raises(RuntimeError, match="return code 3"):
        subproc_execute("exit 3", shell=True)
    with pytest.raises(RuntimeError, match="could not be found"):
        subproc_execute(["definitely-not-a-program-xyz"])
