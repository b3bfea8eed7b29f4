"""The compiler's protos, field by field (the whole-package comparison with flytekit is in
``test_reference_compile.py``)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import typing
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.message import Message

from flyteidl.admin import launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, tasks_pb2
from flytekit import LaunchPlan, Resources, task, workflow
from flytekit.configuration import FastSerializationSettings, ImageConfig, SerializationSettings
from flytekit.core.resources import ResourceSpec
from flytekit.errors import FlyteAssertion
from flytekit.tools.serialize_helpers import persist_registrable_entities
from flytekit.tools.translator import get_serializable

REPO = Path(__file__).resolve().parents[2]

SETTINGS = SerializationSettings(
    image_config=ImageConfig.validate_image(None, None, ["reg/default:1", "gpu=reg/gpu:7"]),
    project="proj",
    domain="dev",
    version="v1",
    env={"FROM_CLI": "1", "SHARED": "cli"},
)

COMMAND = [
    "pyflyte-execute",
    "--inputs", "{{.input}}",
    "--output-prefix", "{{.outputPrefix}}",
    "--raw-output-data-prefix", "{{.rawOutputDataPrefix}}",
    "--checkpoint-path", "{{.checkpointOutputPrefix}}",
    "--prev-checkpoint", "{{.prevCheckpointPrefix}}",
    "--resolver", "flytekit.core.python_auto_container.default_task_resolver",
    "--", "task-module", "tests.sdk.test_translator",
]  # fmt: skip


@task
def plain(x: int) -> int:
    """Plain task."""
    return x


@task(
    cache=True,
    cache_version="2",
    retries=3,
    interruptible=False,
    timeout=datetime.timedelta(minutes=1),
    environment={"SHARED": "task"},
    requests=Resources(cpu="1", mem="1Gi"),
    limits=Resources(mem="2Gi"),
    container_image="{{.image.gpu.fqn}}:{{.image.gpu.version}}",
)
def configured(x: int) -> int:
    return x


@workflow
def inner(x: int) -> int:
    return typing.cast(int, plain(x=x))


@workflow
def outer(x: int = 1) -> int:
    return typing.cast(int, configured(x=inner(x=x)))


def serialize(
    entity: Any, settings: SerializationSettings = SETTINGS
) -> tuple[Message, OrderedDict[Any, Message]]:
    mapping: OrderedDict[Any, Message] = OrderedDict()
    return get_serializable(mapping, settings, entity), mapping


def test_task_container() -> None:
    spec, _ = serialize(plain)
    assert isinstance(spec, task_pb2.TaskSpec)
    template = spec.template
    assert template.id == identifier_pb2.Identifier(
        resource_type=identifier_pb2.TASK,
        project="proj",
        domain="dev",
        name="tests.sdk.test_translator.plain",
        version="v1",
    )
    assert template.type == "python-task"
    assert template.container.image == "reg/default:1"
    assert list(template.container.args) == [*COMMAND, "task-name", "plain"]
    assert list(template.container.command) == []
    assert [(e.key, e.value) for e in template.container.env] == [("FROM_CLI", "1"), ("SHARED", "cli")]
    assert template.container.HasField("resources")
    md = template.metadata
    assert (md.runtime.type, md.runtime.flavor) == (tasks_pb2.RuntimeMetadata.FLYTE_SDK, "python")
    assert md.runtime.version.startswith("1.16.")
    assert md.HasField("retries") and md.HasField("generates_deck") and md.HasField("metadata")
    assert not md.HasField("timeout")
    assert md.WhichOneof("interruptible_value") is None
    assert spec.description.short_description == "Plain task."


def test_configured_task() -> None:
    spec, _ = serialize(configured)
    assert isinstance(spec, task_pb2.TaskSpec)
    container, md = spec.template.container, spec.template.metadata
    assert container.image == "reg/gpu:7"
    assert [(e.key, e.value) for e in container.env] == [("FROM_CLI", "1"), ("SHARED", "task")]
    assert [(r.name, r.value) for r in container.resources.requests] == [
        (tasks_pb2.Resources.CPU, "1"),
        (tasks_pb2.Resources.MEMORY, "1Gi"),
    ]
    assert [(r.name, r.value) for r in container.resources.limits] == [(tasks_pb2.Resources.MEMORY, "2Gi")]
    assert (md.discoverable, md.discovery_version, md.retries.retries, md.timeout.seconds) == (
        True,
        "2",
        3,
        60,
    )
    assert md.WhichOneof("interruptible_value") == "interruptible" and md.interruptible is False


def test_fast_registration_prefix() -> None:
    fast = SerializationSettings(
        image_config=SETTINGS.image_config,
        fast_serialization_settings=FastSerializationSettings(True, "/root", "s3://bucket/fast123.tar.gz"),
    )
    spec, _ = serialize(plain, fast)
    assert isinstance(spec, task_pb2.TaskSpec)
    assert list(spec.template.container.args) == [
        "pyflyte-fast-execute", "--additional-distribution", "s3://bucket/fast123.tar.gz", "--dest-dir", "/root", "--",
        *COMMAND, "task-name", "plain",
    ]  # fmt: skip
    assert spec.template.id.project == "" and spec.template.id.version == "", "packages leave ids empty"


def test_default_resources_apply_only_to_tasks_without_resources() -> None:
    settings = SerializationSettings(
        image_config=SETTINGS.image_config,
        default_resources=ResourceSpec(requests=Resources(cpu="500m"), limits=Resources(cpu="1")),
    )
    plain_spec, _ = serialize(plain, settings)
    configured_spec, _ = serialize(configured, settings)
    assert isinstance(plain_spec, task_pb2.TaskSpec) and isinstance(configured_spec, task_pb2.TaskSpec)
    assert [r.value for r in plain_spec.template.container.resources.requests] == ["500m"]
    assert [r.value for r in configured_spec.template.container.resources.requests] == ["1", "1Gi"]


def test_image_errors_are_explained() -> None:
    no_default = SerializationSettings(image_config=ImageConfig())
    with pytest.raises(FlyteAssertion, match="no default image"):
        serialize(plain, no_default)
    only_default = SerializationSettings(image_config=ImageConfig.auto(img_name="reg/default:1"))
    with pytest.raises(FlyteAssertion, match="names image 'gpu', which is not configured"):
        serialize(configured, only_default)


def test_workflow_spec_and_entity_mapping_order() -> None:
    spec, mapping = serialize(outer)
    assert isinstance(spec, workflow_pb2.WorkflowSpec)
    assert list(mapping) == [plain, inner, configured, outer], "dependencies first, then the entity"
    template = spec.template
    assert [n.id for n in template.nodes] == ["n0", "n1"]
    assert template.nodes[0].workflow_node.sub_workflow_ref.name == "tests.sdk.test_translator.inner"
    assert template.nodes[1].task_node.reference_id.name == "tests.sdk.test_translator.configured"
    assert template.nodes[1].task_node.HasField("overrides")
    assert list(template.nodes[1].upstream_node_ids) == ["n0"]
    assert [t.id.name for t in spec.sub_workflows] == ["tests.sdk.test_translator.inner"]
    assert template.HasField("metadata") and template.HasField("metadata_defaults")
    assert template.outputs[0].binding.promise.node_id == "n1"
    again, _ = serialize(outer)
    assert again == spec


def test_launch_plan() -> None:
    lp = LaunchPlan.get_or_create(outer, name="translator_lp", default_inputs={"x": 3})
    proto, mapping = serialize(lp)
    assert isinstance(proto, launch_plan_pb2.LaunchPlan)
    assert list(mapping)[-1] is lp and outer in mapping
    assert proto.id.resource_type == identifier_pb2.LAUNCH_PLAN and proto.id.name == "translator_lp"
    spec = proto.spec
    assert spec.workflow_id.name == outer.name and spec.workflow_id.resource_type == identifier_pb2.WORKFLOW
    assert spec.default_inputs.parameters["x"].default.scalar.primitive.integer == 3
    for field in ("entity_metadata", "fixed_inputs", "labels", "annotations", "raw_output_data_config"):
        assert spec.HasField(field), field
    assert proto.closure.HasField("expected_inputs") and proto.closure.HasField("expected_outputs")


def test_unknown_entities_are_refused() -> None:
    with pytest.raises(Exception, match="only tasks, workflows and launch plans"):
        serialize(object())


def test_package_file_names(tmp_path: Path) -> None:
    entities = [serialize(e)[0] for e in [plain] * 10 + [outer, LaunchPlan.get_or_create(outer)]]
    paths = persist_registrable_entities(entities, str(tmp_path))
    names = [Path(p).name for p in paths]
    assert names[0] == "00_tests.sdk.test_translator.plain_1.pb"
    assert names[10:] == [
        "10_tests.sdk.test_translator.outer_2.pb",
        "11_tests.sdk.test_translator.outer_3.pb",
    ]
    assert task_pb2.TaskSpec.FromString((tmp_path / names[0]).read_bytes()) == entities[0]


_LIST_ENTITIES = """
import json
from flyteidl.admin import launch_plan_pb2
from flytekit.tools.serialize_helpers import get_registrable_entities
import tests.sdk.test_translator as module
out = []
for spec in get_registrable_entities(module.SETTINGS):
    ident = spec.id if isinstance(spec, launch_plan_pb2.LaunchPlan) else spec.template.id
    out.append([ident.resource_type, ident.name])
print(json.dumps(out))
"""


def test_registrable_entities_follow_creation_order() -> None:
    # A fresh interpreter, as for `pyflyte package`: the registry holds only this module's entities.
    result = subprocess.run(
        [sys.executable, "-c", _LIST_ENTITIES], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    prefix = "tests.sdk.test_translator."
    assert json.loads(result.stdout) == [
        [identifier_pb2.TASK, prefix + "plain"],
        [identifier_pb2.TASK, prefix + "configured"],
        [identifier_pb2.WORKFLOW, prefix + "inner"],
        [identifier_pb2.LAUNCH_PLAN, prefix + "inner"],
        [identifier_pb2.WORKFLOW, prefix + "outer"],
        [identifier_pb2.LAUNCH_PLAN, prefix + "outer"],
    ]
