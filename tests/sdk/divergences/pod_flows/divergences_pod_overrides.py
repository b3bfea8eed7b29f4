"""Node-level pod templates: ``with_overrides(pod_template=...)`` on task and map-task nodes."""

from kubernetes.client import V1Container, V1EnvVar, V1PodSpec, V1Toleration

from flytekit import PodTemplate, Resources, map_task, task, workflow


@task
def double(x: int) -> int:
    return x * 2


tmpl = PodTemplate(
    pod_spec=V1PodSpec(
        containers=[V1Container(name="primary", env=[V1EnvVar(name="A", value="1")])],
        tolerations=[V1Toleration(key="k", operator="Exists")],
    ),
    labels={"team": "a"},
    annotations={"note": "b"},
)


@workflow
def wf(x: int) -> int:
    return double(x=x).with_overrides(pod_template=tmpl)


@workflow
def wf2(x: int) -> int:
    return double(x=x).with_overrides(
        pod_template=PodTemplate(primary_container_name="main"), requests=Resources(cpu="1")
    )


@task(pod_template=PodTemplate(labels={"own": "1"}))
def tripled(x: int) -> int:
    return x * 3


@workflow
def wf3(xs: list[int]) -> list[int]:
    return map_task(double)(x=xs).with_overrides(pod_template=tmpl)


@workflow
def wf4(x: int) -> int:
    return tripled(x=x).with_overrides(pod_template=PodTemplate(annotations={"z": "q"}))


@workflow
def wf5(xs: list[int]) -> list[int]:
    return map_task(tripled)(x=xs).with_overrides(pod_template=tmpl)


CASES = {
    "task_node": lambda: wf(x=3),
    "with_requests": lambda: wf2(x=1),
    "map_task": lambda: wf3(xs=[1, 2]),
    "task_with_own_template": lambda: wf4(x=2),
    "map_over_own_template": lambda: wf5(xs=[1, 4]),
}
