"""pandas DataFrames and StructuredDatasets between tasks: parquet, csv, column subsets, wrappers."""

import typing
from typing import Annotated

import pandas as pd

from flytekit import kwtypes, task, workflow
from flytekit.types.structured import StructuredDataset
from flytekit.types.structured.structured_dataset import CSV, PARQUET

ALL_COLS = kwtypes(Name=str, Age=int, Height=int)
AGE = kwtypes(Age=int)


@task
def make_people(a: int) -> pd.DataFrame:
    return pd.DataFrame({"Name": ["Tom", "Joseph"], "Age": [a, 22], "Height": [160, 178]})


@task
def add_bmi_placeholder(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["Score"] = out["Age"] * 2 + out["Height"]
    return out


@task
def count_rows(df: pd.DataFrame) -> int:
    return len(df)


@workflow
def pandas_wf(a: int = 19) -> typing.Tuple[pd.DataFrame, int]:
    people = make_people(a=a)
    scored = add_bmi_placeholder(df=people)
    return scored, count_rows(df=scored)


@task
def keep_ages(df: Annotated[StructuredDataset, ALL_COLS]) -> Annotated[StructuredDataset, AGE]:
    frame = df.open(pd.DataFrame).all()
    frame = pd.concat([frame, pd.DataFrame([[30]], columns=["Age"])])
    return StructuredDataset(dataframe=frame)


@task
def columns_seen(df: Annotated[pd.DataFrame, AGE]) -> typing.List[str]:
    return [str(c) for c in df.columns]


@workflow
def subset_wf(a: int = 19) -> typing.Tuple[Annotated[StructuredDataset, AGE], typing.List[str]]:
    ages = keep_ages(df=make_people(a=a))
    return ages, columns_seen(df=make_people(a=a))


@task
def to_csv(df: pd.DataFrame) -> Annotated[StructuredDataset, CSV]:
    return StructuredDataset(dataframe=df)


@task
def csv_format(sd: StructuredDataset) -> str:
    return sd.file_format or ""


@task
def from_csv(sd: Annotated[StructuredDataset, CSV]) -> pd.DataFrame:
    return sd.open(pd.DataFrame).all()


@workflow
def csv_wf(a: int = 40) -> typing.Tuple[pd.DataFrame, str]:
    sd = to_csv(df=make_people(a=a))
    return from_csv(sd=sd), csv_format(sd=sd)


@task
def wrap(df: pd.DataFrame) -> Annotated[StructuredDataset, PARQUET]:
    return StructuredDataset(dataframe=df)


@task
def mean_age(sd: StructuredDataset) -> float:
    return float(sd.open(pd.DataFrame).all()["Age"].mean())


@task
def passthrough(sd: StructuredDataset) -> StructuredDataset:
    return sd


@workflow
def wrapper_wf(a: int = 30) -> typing.Tuple[StructuredDataset, float]:
    sd = passthrough(sd=wrap(df=make_people(a=a)))
    return sd, mean_age(sd=sd)


def _subset_columns() -> typing.List[str]:
    sd, _ = subset_wf(a=5)
    return [str(c) for c in sd.open(pd.DataFrame).all().columns]


CASES = {
    "pandas_wf": lambda: pandas_wf(a=33),
    "pandas_task_direct": lambda: make_people(a=1),
    "subset_wf": lambda: subset_wf(),
    "subset_columns": _subset_columns,
    "csv_wf": lambda: csv_wf(),
    "wrapper_wf": lambda: wrapper_wf(a=50),
}
