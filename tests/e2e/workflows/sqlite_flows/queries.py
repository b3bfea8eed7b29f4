"""SQLite queries as tasks (template-driven: the pod runs SQLite3TaskExecutor, not this module).

The database file is made on import, from SQL, at a fixed path in the temporary folder: the sandbox
runs its pods on this machine, so the path in the task template is readable there.
"""

import os
import shutil
import sqlite3
import tempfile

import pandas as pd

from flytekit import StructuredDataset, kwtypes, task, workflow
from flytekit.extras.sqlite3.task import SQLite3Config, SQLite3Task

DATA_DIR = os.path.join(tempfile.gettempdir(), "flyte-e2e-sqlite")
DB_PATH = os.path.join(DATA_DIR, "shop.db")
ZIP_PATH = os.path.join(DATA_DIR, "shop.zip")

ITEMS = [(1, "apple", 0.5, 10), (2, "bread", 2.25, 3), (3, "cheese", 7.0, 1), (4, "dates", 4.5, 2)]


def _make_data() -> None:
    os.makedirs(DATA_DIR, exist_ok=True)
    if os.path.exists(DB_PATH) and os.path.exists(ZIP_PATH):
        return
    work = tempfile.mkdtemp(dir=DATA_DIR)
    db = os.path.join(work, "shop.db")
    con = sqlite3.connect(db)
    with con:
        con.execute("create table items (id integer, name text, price real, qty integer)")
        con.executemany("insert into items values (?, ?, ?, ?)", ITEMS)
    con.close()
    packed = os.path.join(work, "packed")
    os.makedirs(packed)
    shutil.copy(db, os.path.join(packed, "shop.db"))
    archive = shutil.make_archive(os.path.join(work, "shop"), "zip", packed)
    os.replace(archive, ZIP_PATH)
    os.replace(db, DB_PATH)
    shutil.rmtree(work)


_make_data()

items_over = SQLite3Task(
    name="sqlite_flows.items_over",
    query_template="select id, name, price from items where price >= {{ .inputs.min_price }} order by id",
    inputs=kwtypes(min_price=float),
    output_schema_type=StructuredDataset,
    task_config=SQLite3Config(uri=DB_PATH),
)

stock_value = SQLite3Task(
    name="sqlite_flows.stock_value",
    query_template="select name, price * qty as value from items where name != '{{ .inputs.skip }}' order by value desc",
    inputs=kwtypes(skip=str),
    output_schema_type=pd.DataFrame,
    task_config=SQLite3Config(uri=ZIP_PATH, compressed=True),
)

missing_table = SQLite3Task(
    name="sqlite_flows.missing_table",
    query_template="select * from orders",
    output_schema_type=StructuredDataset,
    task_config=SQLite3Config(uri=DB_PATH),
)


@task
def describe(df: pd.DataFrame) -> str:
    return ";".join(f"{row.name}={row.value:.2f}" for row in df.itertuples())


@workflow
def items_wf(min_price: float) -> StructuredDataset:
    return items_over(min_price=min_price)


@workflow
def stock_wf(skip: str) -> str:
    return describe(df=stock_value(skip=skip))


@workflow
def broken_wf() -> StructuredDataset:
    return missing_table()
