"""ImageSpec: ids and tags as flytekit 1.16.31 computes them, builders, and serialization without builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from flytekit import ImageSpec, task
from flytekit.configuration import Image, ImageConfig, SerializationSettings
from flytekit.image_spec import ImageBuildEngine, ImageSpecBuilder
from tests.sdk.containers._specs import task_spec

SETTINGS = SerializationSettings(
    image_config=ImageConfig(default_image=Image.look_up_image_info("default", "img:1"))
)


def test_tags_match_flytekit() -> None:
    # Values observed with flytekit 1.16.31 for the same specs.
    assert ImageSpec().image_name() == "flytekit:fv8aVGdGU6GT1t5W98ZQPA"
    upper = ImageSpec(
        name="Upper",
        registry="localhost:30000",
        python_version="3.10",
        env={"A": "1"},
        cuda="12.1",
        cudnn="8",
    )
    assert upper.image_name() == "localhost:30000/upper:dBG6ceGDV5vl85ILvxfckA"
    base = ImageSpec(name="base", registry="ghcr.io/org", packages=["numpy"], apt_packages=["git"])
    child = ImageSpec(
        name="child",
        base_image=base,
        commands=["echo hi"],
        entrypoint=["/bin/sh"],
        conda_packages=["x"],
        conda_channels=["c"],
    )
    assert child.tag == "IP1vtszzP_W9IeFetm4TCg"
    chained = (
        ImageSpec(name="p", packages=["a"]).with_packages(["b"]).with_apt_packages("curl").with_commands("ls")
    )
    assert (
        chained.with_runtime_packages(["rt"]).tag == "YN_bxd5rASxHZer6Cm_N5w"
    )  # runtime packages are not hashed
    assert chained.packages == ["a", "b"] and chained.apt_packages == ["curl"]


def test_requirements_content_is_hashed(tmp_path: Path) -> None:
    reqs = tmp_path / "reqs.txt"
    reqs.write_text("numpy==1.0\n")
    spec = ImageSpec(
        name="r",
        requirements=str(reqs),
        tag_format="{spec_hash}-gpu",
        pip_index="https://x",
        pip_extra_index_url=["https://y"],
    )
    assert spec.tag == "sac1MkN5W1pIoCVQYGF1dA-gpu"
    reqs.write_text("numpy==2.0\n")
    assert ImageSpec(name="r", requirements=str(reqs), tag_format="{spec_hash}-gpu").tag != spec.tag


def test_validation() -> None:
    with pytest.raises(ValueError, match="Invalid container registry name"):
        ImageSpec(registry="Bad Registry!")
    with pytest.raises(ValueError, match="packages must be a list of strings"):
        ImageSpec(packages="numpy")
    with pytest.raises(ValueError, match="pip_secret_mounts"):
        ImageSpec(pip_secret_mounts=[("a",)])
    assert ImageSpec().builder == "default" and ImageSpec().platform == "linux/amd64"


def test_task_image_serialized_without_building(capsys: pytest.CaptureFixture[str]) -> None:
    spec = ImageSpec(name="served", registry="ghcr.io/org", packages=["x"])

    @task(container_image=spec)
    def t(x: int) -> int:
        return x

    container = task_spec(SETTINGS, t).template.container
    assert container.image == spec.image_name()
    assert "assumes the image" in capsys.readouterr().out

    configured = SerializationSettings(
        image_config=ImageConfig(
            default_image=Image.look_up_image_info("default", "img:1"),
            images=[Image.look_up_image_info(spec.id, "registry.local/prebuilt:7")],
        )
    )
    assert task_spec(configured, t).template.container.image == "registry.local/prebuilt:7"


def test_noop_builder_uses_base_image_and_runtime_packages_env() -> None:
    spec = ImageSpec(base_image="ghcr.io/x/base:3", builder="noop", runtime_packages=["tqdm", "rich"])

    @task(container_image=spec)
    def t(x: int) -> int:
        return x

    container = task_spec(SETTINGS, t).template.container
    assert container.image == "ghcr.io/x/base:3"
    assert {kv.key: kv.value for kv in container.env}["_F_RUNTIME_PACKAGES"] == "tqdm rich"
    assert t(x=2) == 2  # local runs never build
    with pytest.raises(ValueError, match="base_image to be an image name"):
        ImageBuildEngine.build(ImageSpec(name="nobase", builder="noop"))


def test_fast_fail_and_registered_builders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_IMG_FAST_FAIL", "true")
    with pytest.raises(RuntimeError, match="FLYTE_IMG_FAST_FAIL"):
        ImageBuildEngine.build(ImageSpec(name="fastfail", registry="ghcr.io/org"))

    built: list[str] = []

    class Recorder(ImageSpecBuilder):
        def should_build(self, image_spec: ImageSpec) -> bool:
            return True

        def build_image(self, image_spec: ImageSpec) -> str:
            built.append(image_spec.name)
            return f"real.registry/{image_spec.name}:built"

    ImageBuildEngine.register("recorder", Recorder(), priority=50)
    try:
        spec = ImageSpec(name="recorded")
        assert spec.builder == "recorder"
        ImageBuildEngine.build(spec)
        ImageBuildEngine.build(spec)
        assert built == ["recorded"] and spec.image_name() == "real.registry/recorded:built"
    finally:
        del ImageBuildEngine._REGISTRY["recorder"]
    with pytest.raises(AssertionError, match="not registered"):
        ImageBuildEngine.build(ImageSpec(name="unknown-builder", builder="nope"))


def test_is_container(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = ImageSpec(name="guarded")
    assert spec.is_container()  # outside executions
    seen: list[bool] = []

    @task
    def inside() -> None:
        seen.append(spec.is_container())

    inside()
    monkeypatch.setenv("_F_IMG_ID", spec.id)
    inside()
    assert seen == [False, True]
