"""Tasks whose image is an ImageSpec (registry set, or the noop builder), and ImageSpec names and tags."""

from __future__ import annotations

from collections.abc import Callable

from flytekit import ImageSpec, task, workflow

ml_image = ImageSpec(
    name="corpus-ml",
    registry="ghcr.io/flyteorg",
    python_version="3.11",
    packages=["pandas==2.2.2", "scikit-learn"],
    apt_packages=["git"],
    env={"MODE": "corpus"},
)
runtime_image = ImageSpec(
    base_image="ghcr.io/flyteorg/flytekit:py3.11-1.16.0", builder="noop", runtime_packages=["tqdm"]
)
plain_specs = [
    ImageSpec(),
    ImageSpec(
        name="Tagged", registry="localhost:30000", tag_format="{spec_hash}-gpu", cuda="12.1", cudnn="8"
    ),
    ImageSpec(name="chained", packages=["a"])
    .with_packages(["b"])
    .with_apt_packages("curl")
    .with_commands("ls"),
    ImageSpec(
        name="child", base_image=ImageSpec(name="base", registry="ghcr.io/org"), entrypoint=["/bin/sh"]
    ),
]


@task(container_image=ml_image)
def train(x: int) -> int:
    return x * 3


@task(container_image=runtime_image)
def evaluate(x: int) -> int:
    return x - 1


@workflow
def image_wf(x: int = 2) -> int:
    return evaluate(x=train(x=x))


CASES: dict[str, Callable[[], object]] = {
    "image_wf": lambda: image_wf(x=4),
    "spec_names": lambda: [s.image_name() for s in plain_specs],
    "spec_ids": lambda: [s.id for s in plain_specs],
    "spec_is_container": lambda: ml_image.is_container(),
}
