"""ContainerTask, SQLTask and user PythonInstanceTask subclasses: compiled, and run where the reference can."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flytekit import ContainerTask, PythonInstanceTask, Resources, SQLTask, TaskMetadata, kwtypes, workflow
from flytekit.core.interface import Interface

ellipse_area = ContainerTask(
    name="containers_raw.ellipse_area",
    input_data_dir="/var/inputs",
    output_data_dir="/var/outputs",
    inputs=kwtypes(a=float, b=float),
    outputs=kwtypes(area=float, metadata=str),
    image="ghcr.io/flyteorg/rawcontainers-shell:v2",
    command=["./calculate-ellipse-area.sh", "{{.inputs.a}}", "{{.inputs.b}}", "/var/outputs"],
    requests=Resources(cpu="500m", mem="256Mi"),
    limits=Resources(cpu="1", mem="512Mi"),
    metadata=TaskMetadata(retries=2),
    environment={"MODE": "corpus"},
)

yaml_io = ContainerTask(
    name="containers_raw.yaml_io",
    input_data_dir="/in",
    output_data_dir="/out",
    inputs=kwtypes(x=int),
    outputs=kwtypes(y=int),
    image="python:3.11-slim",
    command=["python", "-c"],
    arguments=["open('/out/y','w').write(str({{.inputs.x}} * 2))"],
    metadata_format=ContainerTask.MetadataFormat.YAML,
    pod_template_name="raw-template",
    resources=Resources(cpu=("1", "2")),
)


class Greeter(PythonInstanceTask):
    """A user-defined instance task (flytesnacks' "user container" style)."""

    def __init__(self, name: str, greeting: str, **kwargs: Any) -> None:
        super().__init__(
            name=name,
            task_config=None,
            interface=Interface(inputs={"who": str}, outputs={"o0": str}),
            **kwargs,
        )
        self._greeting = greeting

    def execute(self, **kwargs: Any) -> Any:
        return f"{self._greeting}, {kwargs['who']}!"


hello = Greeter(name="containers_raw.hello", greeting="Hello", environment={"G": "1"})
bonjour = Greeter(name="containers_raw.bonjour", greeting="Bonjour")


class CountRows(SQLTask):
    """A SQL task type as a plugin would declare it; it runs on the platform only."""


count_rows = CountRows(
    name="containers_raw.count_rows",
    query_template="""
        SELECT count(*)
        FROM   {{ .inputs.table }}
    """,
    inputs=kwtypes(table=str),
    outputs=kwtypes(n=int),
)


@workflow
def container_wf(a: float = 2.0, b: float = 3.0) -> float:
    area, _ = ellipse_area(a=a, b=b)
    return area


@workflow
def yaml_wf(x: int = 4) -> int:
    return yaml_io(x=x)


@workflow
def greet_wf(who: str = "flyte") -> str:
    return bonjour(who=hello(who=who))


@workflow
def sql_wf(table: str = "t") -> int:
    return count_rows(table=table)


CASES: dict[str, Callable[[], object]] = {
    # container_wf / yaml_wf need docker with the reference (no docker here): compile-only.
    "greet": lambda: greet_wf(who="corpus"),
    "greet_direct": lambda: hello(who="direct"),
    "sql_query_text": lambda: count_rows.get_query(table="events"),
    "sql_run_refused": lambda: sql_wf(table="events"),
}
