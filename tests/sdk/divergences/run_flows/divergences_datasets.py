"""Tasks taking structured datasets, run with ``pyflyte run`` from parquet files and folders."""

import pandas as pd

from flytekit import StructuredDataset, task, workflow


@task
def count_rows(ds: StructuredDataset) -> int:
    return len(ds.open(pd.DataFrame).all())


@task
def column_total(df: pd.DataFrame) -> int:
    return int(df["a"].sum())


@workflow
def rows_of(ds: StructuredDataset) -> int:
    return count_rows(ds=ds)
