"""Tasks with resources, accelerators, shared memory, pod template names, labels and annotations."""

from __future__ import annotations

from collections.abc import Callable

from flytekit import Resources, task, workflow
from flytekit.extras.accelerators import A10G, A100, A100_80GB, T4, V5E


@task(
    requests=Resources(cpu="1", mem="1Gi", gpu="1"),
    limits=Resources(cpu="2", mem="2Gi", gpu="1"),
    accelerator=T4,
)
def on_t4(x: int) -> int:
    return x + 1


@task(accelerator=A100.partition_2g_10gb, shared_memory=True, resources=Resources(cpu=("1", "2"), mem="4Gi"))
def on_a100_slice(x: int) -> int:
    return x * 2


@task(accelerator=A100_80GB.unpartitioned, shared_memory="2Gi", pod_template_name="gpu-template")
def on_a100_whole(x: int) -> int:
    return x - 3


@task(accelerator=A100, labels={"team": "ml", "tier": "gpu"}, annotations={"owner": "corpus"})
def on_a100_default(x: int) -> int:
    return x * x


@task(accelerator=V5E.slice_2x2, environment={"TPU": "1"}, requests=Resources(ephemeral_storage="10Gi"))
def on_tpu(x: int) -> int:
    return -x


@task(accelerator=A10G, shared_memory=True, retries=2, interruptible=True)
def on_a10g(x: int) -> str:
    return f"value={x}"


@workflow
def hardware_wf(x: int = 5) -> str:
    a = on_t4(x=x)
    b = on_a100_slice(x=a)
    c = on_a100_whole(x=b)
    d = on_a100_default(x=c)
    e = on_tpu(x=d)
    return on_a10g(x=e)


CASES: dict[str, Callable[[], object]] = {
    "hardware_wf": lambda: hardware_wf(x=5),
    "hardware_direct": lambda: on_a100_default(x=4),
}
