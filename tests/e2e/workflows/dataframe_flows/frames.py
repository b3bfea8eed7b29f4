"""Dataframes and arrays between tasks, run by the sandbox: parquet, csv, a column subset and numpy."""

import typing
from typing import Annotated

import numpy as np
import pandas as pd

from flytekit import kwtypes, task, workflow
from flytekit.types.structured import StructuredDataset
from flytekit.types.structured.structured_dataset import CSV


@task
def make(n: int) -> pd.DataFrame:
    return pd.DataFrame({"i": list(range(n)), "name": [f"r{i}" for i in range(n)]})


@task
def as_csv(df: pd.DataFrame) -> Annotated[StructuredDataset, CSV]:
    return StructuredDataset(dataframe=df)


@task
def names(sd: Annotated[StructuredDataset, kwtypes(name=str)]) -> typing.List[str]:
    frame = sd.open(pd.DataFrame).all()
    return [str(c) for c in frame.columns] + list(frame["name"])


@task
def squares(df: pd.DataFrame) -> np.ndarray:
    return df["i"].to_numpy() ** 2


@task
def summary(cols_and_names: typing.List[str], sq: np.ndarray) -> str:
    return f"{','.join(cols_and_names)}|{int(sq.sum())}"


@workflow
def frames_wf(n: int) -> str:
    df = make(n=n)
    return summary(cols_and_names=names(sd=as_csv(df=df)), sq=squares(df=df))
