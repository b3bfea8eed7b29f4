"""ContainerTask: its raw-container template, and local runs as a process in a prepared layout."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from flyteidl.core import tasks_pb2
from flytekit import ContainerTask, Resources, TaskMetadata, kwtypes, workflow
from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.errors import FlyteLocalContainerException
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile
from tests.sdk.containers._specs import task_spec

SETTINGS = SerializationSettings(
    image_config=ImageConfig(default_image=Image.look_up_image_info("default", "img:1")), env={"E": "1"}
)

area = ContainerTask(
    name="area",
    input_data_dir="/var/inputs",
    output_data_dir="/var/outputs",
    inputs=kwtypes(a=float, b=float),
    outputs=kwtypes(area=float, label=str, big=bool),
    image="ghcr.io/x/shell:1",
    command=[
        "sh",
        "-c",
        "echo {{.inputs.a}} > /var/outputs/area; printf ok > /var/outputs/label; printf false > /var/outputs/big",
    ],
    requests=Resources(cpu="1", mem="1Gi"),
    metadata=TaskMetadata(retries=1, pod_template_name="overridden"),
    environment={"T": "2"},
)
file_size = ContainerTask(
    name="file_size",
    input_data_dir="/in",
    output_data_dir="/out",
    inputs=kwtypes(f=FlyteFile, d=FlyteDirectory, when=datetime.datetime),
    outputs=kwtypes(n=int, copied=FlyteFile, when=datetime.datetime, took=datetime.timedelta),
    image="alpine:3",
    command=["sh", "-c"],
    arguments=[
        "wc -c < /in/f | tr -d ' ' > /out/n; cp /in/d/x /out/copied; "
        "printf {{.inputs.when}} > /out/when; printf '1 day, 0:00:02' > /out/took"
    ],
    metadata_format=ContainerTask.MetadataFormat.PROTO,
)


def test_template_is_raw_container_with_data_config() -> None:
    spec = task_spec(SETTINGS, area)
    t = spec.template
    assert t.type == "raw-container" and t.id.name == "area"
    assert list(t.container.command)[:2] == ["sh", "-c"] and not t.container.args
    assert t.container.image == "ghcr.io/x/shell:1"
    assert [(kv.key, kv.value) for kv in t.container.env] == [("E", "1"), ("T", "2")]
    assert t.container.data_config == tasks_pb2.DataLoadingConfig(
        enabled=True, input_path="/var/inputs", output_path="/var/outputs"
    )
    assert t.metadata.pod_template_name == "" and t.metadata.retries.retries == 1
    assert {e.value for e in t.container.resources.requests} == {"1", "1Gi"}
    assert task_spec(SETTINGS, file_size).template.container.data_config.format == 2


def test_io_strategy_is_serialized() -> None:
    t = ContainerTask(
        name="io", image="a:1", command=["true"], io_strategy=ContainerTask.IOStrategy.DO_NOT_UPLOAD
    )
    config = task_spec(SETTINGS, t).template.container.data_config
    assert config.io_strategy.upload_mode == tasks_pb2.IOStrategy.DO_NOT_UPLOAD


def test_local_run_reads_outputs_from_files() -> None:
    result = area(a=2.5, b=1.0)
    assert (result.area, result.label, result.big) == (2.5, "ok", False)

    @workflow
    def wf(a: float) -> float:
        out: float
        out, _, _ = area(a=a, b=1.0)
        return out

    assert wf(a=4.0) == 4.0


def test_local_run_with_files_and_dates(tmp_path: Path) -> None:
    f = tmp_path / "f.txt"
    f.write_text("12345")
    d = tmp_path / "d"
    d.mkdir()
    (d / "x").write_text("inside")
    when = datetime.datetime(2024, 1, 2, 3, 4, 5)
    out = file_size(f=FlyteFile(str(f)), d=FlyteDirectory(str(d)), when=when)
    assert out.n == 5
    assert Path(out.copied.path).read_text() == "inside"
    assert out.when == when.replace(tzinfo=datetime.UTC) and out.took == datetime.timedelta(days=1, seconds=2)


def test_missing_program_and_failing_command_are_clear_errors() -> None:
    missing = ContainerTask(
        name="missing", image="x:1", command=["no-such-program-here", "{{.inputs.a}}"], inputs=kwtypes(a=int)
    )
    with pytest.raises(FlyteLocalContainerException, match="not a program on this machine"):
        missing(a=1)
    failing = ContainerTask(name="failing", image="x:1", command=["sh", "-c", "exit 7"])
    with pytest.raises(FlyteLocalContainerException, match="exited with code 7"):
        failing()
    no_output = ContainerTask(
        name="no_output", image="x:1", command=["true"], outputs=kwtypes(o=int), output_data_dir="/o"
    )
    with pytest.raises(FlyteLocalContainerException, match="no file for output 'o'"):
        no_output()
    templated_file = ContainerTask(
        name="templated_file",
        image="x:1",
        command=["cat", "{{.inputs.f}}"],
        inputs=kwtypes(f=FlyteFile),
        input_data_dir="/i",
    )
    with pytest.raises(FlyteLocalContainerException, match="by path"):
        templated_file(f=FlyteFile(__file__))
