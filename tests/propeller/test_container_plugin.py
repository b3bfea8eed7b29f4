"""The container plugin's pod: templated arguments and the Flyte environment of the task process."""

from __future__ import annotations

import json

import pytest

from flyteidl.core import literals_pb2, tasks_pb2
from flytepropeller.plugins.container import parse_quantity
from flytepropeller.plugins.templating import TemplateError, TemplateValues, literal_text, render
from flytestdlib.flyteworkflow import WorkflowPhase
from tests.propeller.conftest import Platform, script_task
from tests.stdlib.flyteworkflow.closures import int_literal


def values(**inputs: literals_pb2.Literal) -> TemplateValues:
    return TemplateValues(
        input="s3://b/wf/n0/data/inputs.pb",
        input_prefix="s3://b/wf/n0/data",
        output_prefix="s3://b/wf/n0/data/0",
        raw_output_data_prefix="s3://b/raw/ab/x-n0-0",
        checkpoint_output_prefix="s3://b/raw/ab/x-n0-0/_flytecheckpoints",
        prev_checkpoint_prefix="",
        per_retry_unique_key="x-n0-0",
        namespace="p-d",
        task_template_path=lambda: "s3://b/wf/n0/data/task.pb",
        inputs=lambda: literals_pb2.LiteralMap(literals=inputs),
    )


def test_templates_render_case_insensitively_in_both_forms() -> None:
    rendered = render(
        [
            "{{.input}}",
            "{{ .OutputPrefix }}",
            "{{$rawOutputDataPrefix}}",
            "--checkpoint={{.CHECKPOINTOUTPUTPREFIX}}",
            "{{.prevCheckpointPrefix}}",
            "{{.inputPrefix}}/x",
            "{{.perRetryUniqueKey}}",
            "{{.taskTemplatePath}}",
            "{{.Inputs.x}}",
            "{{.unknown}}",
        ],
        values(x=int_literal(7)),
    )
    assert rendered == [
        "s3://b/wf/n0/data/inputs.pb",
        "s3://b/wf/n0/data/0",
        "s3://b/raw/ab/x-n0-0",
        "--checkpoint=s3://b/raw/ab/x-n0-0/_flytecheckpoints",
        '""',
        "s3://b/wf/n0/data/x",
        "x_n0_0",
        "s3://b/wf/n0/data/task.pb",
        "7",
        "{{.unknown}}",
    ]


def test_an_unknown_input_in_a_template_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match="names input 'y'"):
        render(["{{.inputs.y}}"], values(x=int_literal(1)))


def test_literals_render_as_text() -> None:
    collection = literals_pb2.Literal(
        collection=literals_pb2.LiteralCollection(literals=[int_literal(1), int_literal(2)])
    )
    text = literals_pb2.Literal(
        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(string_value="hi"))
    )
    flag = literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(boolean=True)))
    assert [literal_text(collection), literal_text(text), literal_text(flag)] == ["[1,2]", "hi", "true"]


@pytest.mark.parametrize(
    ("text", "size"), [("1024", 1024), ("500Mi", 500 * 2**20), ("1G", 10**9), ("1.5Gi", int(1.5 * 2**30))]
)
def test_memory_quantities(text: str, size: int) -> None:
    assert parse_quantity(text) == size


def test_the_task_process_gets_flyte_env_vars_and_rendered_paths(platform: Platform) -> None:
    platform.launch("envy", [script_task("tests.chain.t0", "env")], envs={"EXTRA_SETTING": "on"})
    wf = platform.run_to_completion(platform.propeller(), "envy")
    assert wf.status.phase is WorkflowPhase.SUCCESS
    output_dir = platform.blobs.join(platform.wf_dir("envy"), "n0", "data", "0")
    record = json.loads(platform.blobs.read(platform.blobs.join(output_dir, "env.json")))
    assert record["FLYTE_INTERNAL_EXECUTION_ID"] == "envy"
    assert record["FLYTE_INTERNAL_EXECUTION_PROJECT"] == "flytesnacks"
    assert record["FLYTE_INTERNAL_EXECUTION_DOMAIN"] == "development"
    assert record["FLYTE_INTERNAL_EXECUTION_WORKFLOW"] == "flytesnacks:development:tests.chain.wf"
    assert record["FLYTE_INTERNAL_TASK_NAME"] == "tests.chain.t0"
    assert record["FLYTE_INTERNAL_TASK_VERSION"] == "v1"
    assert record["FLYTE_ATTEMPT_NUMBER"] == "0"
    assert record["EXTRA_SETTING"] == "on"
    argv = record["argv"]
    assert argv[argv.index("--inputs") + 1] == platform.blobs.join(
        platform.wf_dir("envy"), "n0", "data", "inputs.pb"
    )
    assert argv[argv.index("--output-prefix") + 1] == output_dir
    raw = argv[argv.index("--raw-output-prefix") + 1]
    assert raw.startswith(platform.blobs.join("raw") + "/") and raw.endswith("/envy-n0-0")
    assert argv[argv.index("--checkpoint-prefix") + 1] == raw + "/_flytecheckpoints"
    assert argv[argv.index("--prev-checkpoint") + 1] == '""'


def test_a_template_driven_task_gets_its_template_written_and_its_path_substituted(
    platform: Platform,
) -> None:
    # An SQLite3Task-like template: a task type no plugin claims (so the default container plugin
    # runs it) whose args name {{.taskTemplatePath}} for pyflyte-execute's template resolver.
    template = script_task("tests.chain.t0", "env", "--task-template", "{{.taskTemplatePath}}")
    template.type = "sqlite"
    template.custom.update({"query_template": "select 1", "uri": "/tmp/db", "compressed": False})
    platform.launch("shim", [template])
    wf = platform.run_to_completion(platform.propeller(), "shim")
    assert wf.status.phase is WorkflowPhase.SUCCESS
    data_dir = platform.blobs.join(platform.wf_dir("shim"), "n0", "data")
    record = json.loads(platform.blobs.read(platform.blobs.join(data_dir, "0", "env.json")))
    argv = record["argv"]
    path = argv[argv.index("--task-template") + 1]
    assert path == platform.blobs.join(data_dir, "task.pb")
    written = tasks_pb2.TaskTemplate()
    written.ParseFromString(platform.blobs.read(path))
    assert written.type == "sqlite"
    assert dict(written.custom) == {"query_template": "select 1", "uri": "/tmp/db", "compressed": False}
    assert list(written.container.args) == list(template.container.args)
