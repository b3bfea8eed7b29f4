"""The legacy FlyteSchema: typed columns written through a writer, and dataframes declared as schemas."""

import typing

import pandas

from flytekit import kwtypes, task, workflow
from flytekit.types import schema  # noqa: F401  (flytesnacks imports it this way)
from flytekit.types.schema import FlyteSchema, SchemaOpenMode

PEOPLE = FlyteSchema[kwtypes(name=str, age=int)]
AGES = FlyteSchema[kwtypes(age=int)]


@task
def write_people(n: int) -> PEOPLE:
    out = PEOPLE()
    writer = out.open()
    writer.write(pandas.DataFrame({"name": [f"p{i}" for i in range(n)], "age": [20 + i for i in range(n)]}))
    return out


@task
def oldest(people: AGES) -> int:
    return int(people.open().all()["age"].max())


@task
def frame_as_schema(df: pandas.DataFrame) -> PEOPLE:
    return df


@task
def reread(people: PEOPLE) -> typing.List[str]:
    written = people.open(override_mode=SchemaOpenMode.READ).all()
    return [str(c) for c in written.columns]


@task
def make_frame(a: int) -> pandas.DataFrame:
    return pandas.DataFrame(data={"name": ["x", "y"], "age": [a, 4], "extra": [1.0, 2.0]})


@workflow
def schema_wf(n: int = 3) -> typing.Tuple[int, PEOPLE, typing.List[str]]:
    people = write_people(n=n)
    converted = frame_as_schema(df=make_frame(a=7))
    return oldest(people=people), converted, reread(people=converted)


@task
def add_df(df: pandas.DataFrame) -> pandas.DataFrame:
    return pandas.concat([df, pandas.DataFrame(data={"name": ["z"], "age": [5], "extra": [3.0]})])


@workflow
def df_wf(a: int = 42) -> pandas.DataFrame:
    return add_df(df=make_frame(a=a))


def _schema_columns() -> typing.List[str]:
    _, converted, _ = schema_wf(n=2)
    return [str(c) for c in converted.open().all().columns]


CASES = {
    "schema_wf_oldest": lambda: schema_wf(n=4)[0],
    "schema_wf_columns": _schema_columns,
    "schema_wf_reread": lambda: schema_wf(n=1)[2],
    "df_wf": lambda: df_wf(),
}
