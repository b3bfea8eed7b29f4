"""pyarrow Tables, numpy arrays, datasets inside dataclasses, and a user-written dataset encoder/decoder."""

import dataclasses
import os
import typing
from typing import Annotated

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from flytekit import FlyteContext, StructuredDatasetType, kwtypes, task, workflow
from flytekit.models import literals
from flytekit.models.literals import StructuredDatasetMetadata
from flytekit.types.structured.structured_dataset import (
    PARQUET,
    StructuredDataset,
    StructuredDatasetDecoder,
    StructuredDatasetEncoder,
    StructuredDatasetTransformerEngine,
)


@task
def make_table(n: int) -> pa.Table:
    return pa.table({"i": list(range(n)), "sq": [i * i for i in range(n)]})


@task
def table_total(df: pd.DataFrame) -> int:
    return int(df["sq"].sum())


@task
def only_squares(t: Annotated[pa.Table, kwtypes(sq=int)]) -> pa.Table:
    return t


@workflow
def arrow_wf(n: int = 4) -> typing.Tuple[pa.Table, int, pa.Table]:
    t = make_table(n=n)
    return t, table_total(df=t), only_squares(t=t)


@task
def make_matrix(rows: int, cols: int) -> np.ndarray:
    return np.arange(rows * cols, dtype=np.int64).reshape(rows, cols)


@task
def transpose(m: np.ndarray) -> np.ndarray:
    return m.T


@task
def matrix_sum(m: np.ndarray) -> int:
    return int(m.sum())


@workflow
def numpy_wf(rows: int = 2, cols: int = 3) -> typing.Tuple[np.ndarray, int]:
    t = transpose(m=make_matrix(rows=rows, cols=cols))
    return t, matrix_sum(m=t)


@dataclasses.dataclass
class Report:
    title: str
    data: StructuredDataset


@task
def make_report(title: str) -> Report:
    frame = pd.DataFrame({"k": ["a", "b"], "v": [1.5, 2.5]})
    return Report(title=title, data=StructuredDataset(dataframe=frame))


@task
def report_sum(r: Report) -> float:
    return float(r.data.open(pd.DataFrame).all()["v"].sum())


@workflow
def dataclass_wf(title: str = "weekly") -> typing.Tuple[Report, float]:
    r = make_report(title=title)
    return r, report_sum(r=r)


class Grid:
    """A user dataframe type: rows of floats, stored through a custom encoder/decoder as parquet."""

    def __init__(self, rows: typing.List[typing.List[float]]) -> None:
        self.rows = rows


class GridEncodingHandler(StructuredDatasetEncoder):
    def encode(
        self,
        ctx: FlyteContext,
        structured_dataset: StructuredDataset,
        structured_dataset_type: StructuredDatasetType,
    ) -> literals.StructuredDataset:
        grid = typing.cast(Grid, structured_dataset.dataframe)
        names = [f"col{i}" for i in range(len(grid.rows[0]))]
        table = pa.Table.from_arrays([pa.array(list(col)) for col in zip(*grid.rows, strict=True)], names)
        path = ctx.file_access.get_random_remote_directory()
        local_dir = ctx.file_access.get_random_local_directory()
        pq.write_table(table, os.path.join(local_dir, f"{0:05}"))
        ctx.file_access.upload_directory(local_dir, path)
        return literals.StructuredDataset(
            uri=path,
            metadata=StructuredDatasetMetadata(structured_dataset_type=StructuredDatasetType(format=PARQUET)),
        )


class GridDecodingHandler(StructuredDatasetDecoder):
    def decode(
        self,
        ctx: FlyteContext,
        flyte_value: literals.StructuredDataset,
        current_task_metadata: StructuredDatasetMetadata,
    ) -> Grid:
        local_dir = ctx.file_access.get_random_local_directory()
        ctx.file_access.get_data(flyte_value.uri, local_dir, is_multipart=True)
        table = pq.read_table(local_dir)
        return Grid([list(row.values()) for row in table.to_pylist()])


StructuredDatasetTransformerEngine.register(GridEncodingHandler(Grid, None, PARQUET))
StructuredDatasetTransformerEngine.register(GridDecodingHandler(Grid, None, PARQUET))


@task
def names_frame() -> pd.DataFrame:
    return pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 4.0]})


@task
def to_grid(sd: StructuredDataset) -> Annotated[StructuredDataset, None, PARQUET]:
    grid = sd.open(Grid).all()
    grid.rows.append([5.0, 6.0])
    return StructuredDataset(dataframe=grid)


@task
def grid_rows(sd: StructuredDataset) -> typing.List[typing.List[float]]:
    return sd.open(Grid).all().rows


@task
def make_grid() -> Grid:
    return Grid([[1.0, 2.0]])


@task
def grid_width(g: Grid) -> int:
    return len(g.rows[0])


@workflow
def custom_handler_wf() -> typing.Tuple[StructuredDataset, typing.List[typing.List[float]], int]:
    sd = to_grid(sd=names_frame())
    return sd, grid_rows(sd=sd), grid_width(g=make_grid())


CASES = {
    "arrow_wf": lambda: arrow_wf(n=5),
    "numpy_wf": lambda: numpy_wf(),
    "numpy_task_direct": lambda: make_matrix(rows=1, cols=2),
    "dataclass_wf": lambda: dataclass_wf(),
    "custom_handler_wf": lambda: custom_handler_wf(),
}
