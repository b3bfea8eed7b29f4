from kubernetes.client import V1Container, V1EnvVar, V1PodSpec, V1Toleration, V1Volume, V1VolumeMount

from flytekit import (
    ContainerTask,
    Description,
    Documentation,
    PodTemplate,
    Resources,
    SourceCode,
    kwtypes,
    task,
    workflow,
)
from flytekit.extras.accelerators import A100, T4
from flytekit.extras.tasks.shell import ShellTask

tmpl = PodTemplate(
    primary_container_name="primary",
    labels={"team": "ml"},
    annotations={"a": "b"},
    pod_spec=V1PodSpec(
        containers=[
            V1Container(
                name="primary",
                env=[V1EnvVar(name="FROM_POD", value="1")],
                volume_mounts=[V1VolumeMount(name="data", mount_path="/data")],
            ),
            V1Container(name="sidecar", image="busybox:1", command=["sleep", "inf"]),
        ],
        volumes=[V1Volume(name="data", empty_dir={})],
        tolerations=[V1Toleration(key="gpu", operator="Exists", effect="NoSchedule")],
    ),
)


@task(
    pod_template=tmpl,
    requests=Resources(cpu="1", mem="1Gi"),
    limits=Resources(cpu="2", mem="2Gi"),
    environment={"X": "y"},
)
def with_pod(x: int) -> int:
    return x * 2


@task(pod_template=PodTemplate(primary_container_name="main"))
def bare_pod(x: int) -> int:
    return x + 1


@task(accelerator=A100.partition_2g_10gb, shared_memory=True, requests=Resources(gpu="1"))
def gpu1(x: int) -> int:
    return x


@task(
    accelerator=T4,
    shared_memory="2Gi",
    pod_template_name="my-template",
    labels={"l": "1"},
    annotations={"an": "2"},
)
def gpu2(x: int) -> int:
    return x


@task(accelerator=A100)
def gpu3(x: int) -> int:
    return x


@task(accelerator=A100.unpartitioned, resources=Resources(cpu=("1", "2"), mem="1Gi"))
def gpu4(x: int) -> int:
    return x


@task(enable_deck=True)
def decked(x: int) -> int:
    """Short summary.

    Longer description of the decked task.
    """
    return x


@task(
    docs=Documentation(
        short_description="from docs",
        long_description=Description(value="long", uri="http://x"),
        source_code=SourceCode(link="http://github.com/x"),
    )
)
def documented(x: int) -> int:
    return x


@task(docs=Documentation(short_description="from docs"))
def documented2(x: int) -> int:
    """Docstring wins."""
    return x


@workflow
def pwf(x: int) -> int:
    a = with_pod(x=x)
    b = bare_pod(x=a)
    c = gpu1(x=b)
    d = gpu2(x=c)
    e = gpu3(x=d)
    f = gpu4(x=e)
    g = decked(x=f)
    return documented2(x=documented(x=g))


raw_in_pod = ContainerTask(
    name="raw_in_pod",
    image="alpine:3",
    command=["sh", "-c", "echo {{.inputs.x}} > /var/outputs/y"],
    inputs=kwtypes(x=int),
    outputs=kwtypes(y=int),
    input_data_dir="/var/inputs",
    output_data_dir="/var/outputs",
    pod_template=PodTemplate(
        primary_container_name="main",
        pod_spec=V1PodSpec(containers=[], node_selector={"pool": "raw"}),
    ),
    limits=Resources(mem="1Gi"),
)

shell_in_pod = ShellTask(
    name="shell_in_pod",
    script="echo {inputs.x}",
    inputs=kwtypes(x=int),
    pod_template=tmpl,
    accelerator=T4,
)
