"""Pod templates, accelerators, shared memory, secrets, docs and the flytekit.models wrappers."""

from __future__ import annotations

import pytest
from google.protobuf import json_format
from kubernetes.client import V1Container, V1EnvVar, V1PodSpec

from flyteidl.core import literals_pb2, tasks_pb2
from flytekit import (
    Blob,
    BlobMetadata,
    BlobType,
    Description,
    Documentation,
    Literal,
    LiteralType,
    PodTemplate,
    Resources,
    Scalar,
    SourceCode,
    task,
)
from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.errors import FlyteValidationException
from flytekit.extras.accelerators import A100, T4, V5P, GPUAccelerator
from flytekit.models.literals import LiteralCollection, LiteralMap, Primitive
from flytekit.models.types import SimpleType
from tests.sdk.containers._specs import task_spec

SETTINGS = SerializationSettings(
    image_config=ImageConfig(
        default_image=Image.look_up_image_info("default", "img:1"),
        images=[Image.look_up_image_info("side", "ghcr.io/side:2")],
    ),
    env={"S": "1"},
)


def test_pod_template_merges_the_task_container() -> None:
    template = PodTemplate(
        labels={"l": "1"},
        pod_spec=V1PodSpec(
            containers=[
                V1Container(name="primary", env=[V1EnvVar(name="POD", value="p")]),
                V1Container(name="sidecar", image="{{.image.side}}"),
                V1Container(name="defaulted"),
            ]
        ),
    )

    @task(pod_template=template, requests=Resources(cpu="1", ephemeral_storage="1Gi"), environment={"T": "t"})
    def t(x: int) -> int:
        return x + 1

    spec = task_spec(SETTINGS, t).template
    assert not spec.HasField("container")
    assert dict(spec.config) == {"primary_container_name": "primary"}
    assert dict(spec.k8s_pod.metadata.labels) == {"l": "1"} and not spec.k8s_pod.metadata.annotations
    pod = json_format.MessageToDict(spec.k8s_pod.pod_spec)
    primary, sidecar, defaulted = pod["containers"]
    assert (
        primary["image"] == "img:1" and primary["args"][0] == "pyflyte-execute" and primary["command"] == []
    )
    assert primary["env"] == [
        {"name": "S", "value": "1"},
        {"name": "T", "value": "t"},
        {"name": "POD", "value": "p"},
    ]
    assert primary["resources"] == {"limits": {}, "requests": {"cpu": "1", "ephemeral-storage": "1Gi"}}
    assert sidecar["image"] == "ghcr.io/side:2" and defaulted["image"] == "img:1"
    assert t(x=1) == 2  # runs locally like any task


def test_pod_template_adds_a_missing_primary_and_needs_a_name() -> None:
    @task(pod_template=PodTemplate(primary_container_name="main"))
    def t() -> None: ...

    pod = json_format.MessageToDict(task_spec(SETTINGS, t).template.k8s_pod.pod_spec)
    assert [c["name"] for c in pod["containers"]] == ["main"]
    with pytest.raises(FlyteValidationException, match="primary_container_name"):
        PodTemplate(primary_container_name="")
    assert len(PodTemplate().version_hash()) == 64


def test_accelerators_and_shared_memory() -> None:
    assert A100.to_flyte_idl() == tasks_pb2.GPUAccelerator(device="nvidia-tesla-a100")
    assert A100.unpartitioned.to_flyte_idl().unpartitioned
    assert A100.partition_1g_5gb.to_flyte_idl().partition_size == "1g.5gb"
    assert V5P.slice_2x2x1.to_flyte_idl().device == "tpu-v5p-slice"
    assert GPUAccelerator("custom").to_flyte_idl().device == "custom"

    @task(accelerator=T4, shared_memory="1Gi", pod_template_name="tmpl", labels={"a": "b"})
    def t() -> None: ...

    template = task_spec(SETTINGS, t).template
    extended = template.extended_resources
    assert extended.gpu_accelerator.device == "nvidia-tesla-t4"
    assert (
        extended.shared_memory.mount_path,
        extended.shared_memory.mount_name,
        extended.shared_memory.size_limit,
    ) == (
        "/dev/shm",
        "flyte-shared-memory",
        "1Gi",
    )
    assert template.metadata.pod_template_name == "tmpl" and dict(template.metadata.metadata.labels) == {
        "a": "b"
    }
    with pytest.raises(FlyteValidationException, match="shared_memory"):

        @task(shared_memory=3)
        def bad() -> None: ...


def test_secret_requests_must_be_secrets() -> None:
    with pytest.raises(AssertionError, match=r"should be of type flytekit\.Secret"):

        @task(secret_requests=["not-a-secret"])
        def t() -> None: ...


def test_documentation_and_docstrings() -> None:
    docs = Documentation(
        short_description="short",
        long_description=Description(value="long", format=Description.DescriptionFormat.MARKDOWN),
        source_code=SourceCode(link="https://x"),
    )

    @task(docs=docs)
    def documented() -> None: ...

    description = task_spec(SETTINGS, documented).description
    assert (
        description.short_description,
        description.long_description.value,
        description.source_code.link,
    ) == (
        "short",
        "long",
        "https://x",
    )
    assert Documentation.from_flyte_idl(description) == docs

    @task(docs=Documentation(short_description="replaced"))
    def with_docstring() -> None:
        """From the docstring."""

    assert task_spec(SETTINGS, with_docstring).description.short_description == "From the docstring."


def test_model_wrappers_round_trip() -> None:
    blob = Blob(
        metadata=BlobMetadata(type=BlobType("csv", BlobType.BlobDimensionality.SINGLE)), uri="s3://b/k"
    )
    literal = Literal(scalar=Scalar(blob=blob), hash="h")
    proto = literal.to_flyte_idl()
    assert proto == literals_pb2.Literal(
        scalar=literals_pb2.Scalar(
            blob=literals_pb2.Blob(metadata=literals_pb2.BlobMetadata(type={"format": "csv"}), uri="s3://b/k")
        ),
        hash="h",
    )
    assert Literal.from_flyte_idl(proto) == literal and literal.scalar.blob.uri == "s3://b/k"
    nested = Literal(
        collection=LiteralCollection([Literal(scalar=Scalar(primitive=Primitive(integer=1)))]),
    )
    assert Literal.from_flyte_idl(nested.to_flyte_idl()).collection.literals[0].scalar.primitive.integer == 1
    mapping = LiteralMap({"a": Literal(scalar=Scalar(primitive=Primitive(string_value="x")))})
    assert LiteralMap.from_flyte_idl(mapping.to_flyte_idl()) == mapping
    lt = LiteralType(map_value_type=LiteralType(simple=SimpleType.FLOAT), metadata={"k": "v"})
    again = LiteralType.from_flyte_idl(lt.to_flyte_idl())
    assert again == lt and again.map_value_type.simple == SimpleType.FLOAT and again.metadata == {"k": "v"}
    assert LiteralType(blob=BlobType("", 1)).to_flyte_idl().blob.dimensionality == 1
