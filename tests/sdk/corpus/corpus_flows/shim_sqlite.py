"""Template-driven tasks: SQLite3Task (plain, zip and tar archives, schema outputs), a custom
PythonCustomizedContainerTask with its own ShimTaskExecutor, and a ClassStorageTaskResolver task.

The database is made here, from SQL, at a fixed path under the temporary folder, so both SDKs (and
their packaged protos) name the same file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import typing
from collections.abc import Callable

import pandas

from flytekit import StructuredDataset, kwtypes, task, workflow
from flytekit.configuration import SerializationSettings
from flytekit.core.python_function_task import PythonFunctionTask
from flytekit.extend import ClassStorageTaskResolver, PythonCustomizedContainerTask, ShimTaskExecutor
from flytekit.extras.sqlite3.task import SQLite3Config, SQLite3Task
from flytekit.types.schema import FlyteSchema

DATA_DIR = os.path.join(tempfile.gettempdir(), "flyte-corpus-shim-sqlite")
DB_PATH = os.path.join(DATA_DIR, "music.db")
ZIP_PATH = os.path.join(DATA_DIR, "music_zip.zip")
TAR_PATH = os.path.join(DATA_DIR, "music_tar.tar.gz")

TRACKS = [
    (1, "Intro", "ambient", 0.99, 61),
    (2, "Rush", "rock", 1.29, 242),
    (3, "Drift", "ambient", 0.99, 305),
    (4, "Anthem", "rock", 1.49, 198),
    (5, "Swing Low", "jazz", 1.19, 276),
    (6, "Blue Hour", "jazz", 1.29, 331),
    (7, "Static", "rock", 0.89, 154),
]


def _publish(build: Callable[[str], None], final: str) -> None:
    """Build into a private file, then move it in place (other processes may be reading it)."""
    fd, scratch = tempfile.mkstemp(dir=DATA_DIR)
    os.close(fd)
    os.remove(scratch)
    build(scratch)
    os.replace(scratch, final)


def _make_db(path: str) -> None:
    with sqlite3.connect(path) as con:
        con.execute("create table tracks (id integer, name text, genre text, price real, seconds integer)")
        con.executemany("insert into tracks values (?, ?, ?, ?, ?)", TRACKS)
    con.close()


def _make_archive(fmt: str) -> Callable[[str], None]:
    def build(path: str) -> None:
        folder = tempfile.mkdtemp(dir=DATA_DIR)
        shutil.copy(DB_PATH, os.path.join(folder, "music.db"))
        made = shutil.make_archive(path, fmt, folder)
        shutil.rmtree(folder)
        os.replace(made, path)

    return build


def ensure_data() -> None:
    os.makedirs(DATA_DIR, exist_ok=True)
    if not os.path.exists(DB_PATH):
        _publish(_make_db, DB_PATH)
    if not os.path.exists(ZIP_PATH):
        _publish(_make_archive("zip"), ZIP_PATH)
    if not os.path.exists(TAR_PATH):
        _publish(_make_archive("gztar"), TAR_PATH)


ensure_data()

TRACK_COLUMNS = kwtypes(id=int, name=str, genre=str, price=float)

first_tracks = SQLite3Task(
    name="shim_sqlite.first_tracks",
    query_template="""
        select id, name, genre, price
        from tracks
        order by id
        limit {{ .inputs.limit }}
    """,
    inputs=kwtypes(limit=int),
    output_schema_type=pandas.DataFrame,
    task_config=SQLite3Config(uri=DB_PATH),
    container_image="myreg/sqlite:1",
)

genre_totals = SQLite3Task(
    name="shim_sqlite.genre_totals",
    query_template=(
        "select genre, count(*) as n, sum(seconds) as seconds from tracks "
        "where genre != '{{.inputs.excluded}}' and price >= {{.inputs.min_price}} group by genre order by genre"
    ),
    inputs=kwtypes(excluded=str, min_price=float),
    output_schema_type=StructuredDataset,
    task_config=SQLite3Config(uri=ZIP_PATH, compressed=True),
    requests=None,
)

longest = SQLite3Task(
    name="shim_sqlite.longest",
    query_template="select name, seconds from tracks order by seconds desc limit 3",
    output_schema_type=StructuredDataset,
    task_config=SQLite3Config(uri=TAR_PATH, compressed=True),
)


as_schema = SQLite3Task(
    name="shim_sqlite.as_schema",
    query_template="select id, name, genre, price from tracks where genre = '{{ .inputs.genre }}' order by id",
    inputs=kwtypes(genre=str),
    output_schema_type=FlyteSchema[TRACK_COLUMNS],
    task_config=SQLite3Config(uri=DB_PATH),
    container_image="myreg/sqlite:1",
)

default_schema = SQLite3Task(
    name="shim_sqlite.default_schema",
    query_template="select count(*) as n from tracks",
    task_config=SQLite3Config(uri=DB_PATH),
)

broken_query = SQLite3Task(
    name="shim_sqlite.broken_query",
    query_template="select * from albums",
    output_schema_type=pandas.DataFrame,
    task_config=SQLite3Config(uri=DB_PATH),
)


@task
def total_price(df: pandas.DataFrame) -> float:
    return round(float(df["price"].sum()), 2)


@task
def names(df: pandas.DataFrame) -> typing.List[str]:
    return [str(n) for n in df["name"]]


@task
def schema_rows(s: FlyteSchema[TRACK_COLUMNS]) -> int:
    return len(s.open().all())


@task
def count_of(s: FlyteSchema) -> int:
    return int(s.open().all()["n"][0])


@task
def genres(sd: StructuredDataset) -> typing.List[str]:
    return [str(g) for g in sd.open(pandas.DataFrame).all()["genre"]]


# ---- a template-driven task of the user's own: the executor sees only the serialized template.
class RepeatExecutor(ShimTaskExecutor["Repeat"]):
    def execute_from_model(self, tt: typing.Any, **kwargs: typing.Any) -> typing.Any:
        custom = tt.custom
        text = custom["separator"].join([kwargs["word"]] * kwargs["times"])
        return text, len(text) * custom["scale"]


class Repeat(PythonCustomizedContainerTask[dict]):
    def __init__(self, name: str, separator: str, scale: int, **kwargs: typing.Any) -> None:
        from flytekit.core.interface import Interface

        super().__init__(
            name=name,
            task_config={"separator": separator, "scale": scale},
            container_image="myreg/repeat:2",
            executor_type=RepeatExecutor,
            task_type="repeat",
            interface=Interface(inputs=kwtypes(word=str, times=int), outputs=kwtypes(text=str, weight=int)),
            **kwargs,
        )

    def get_custom(self, settings: SerializationSettings) -> typing.Dict[str, typing.Any]:
        return {"separator": self.task_config["separator"], "scale": self.task_config["scale"]}


repeat = Repeat(name="shim_sqlite.repeat", separator="-", scale=3)


# ---- tasks found again by their index in a resolver's list.
class CorpusStorage(ClassStorageTaskResolver):
    pass


storage = CorpusStorage()


def _double(x: int) -> int:
    return 2 * x


double = PythonFunctionTask(task_config=None, task_function=_double, task_resolver=storage)
storage.add(double)


@workflow
def first_tracks_wf(limit: int = 3) -> pandas.DataFrame:
    return first_tracks(limit=limit)


@workflow
def price_wf(limit: int = 4) -> float:
    return total_price(df=first_tracks(limit=limit))


@workflow
def genres_zip_wf(excluded: str = "jazz", min_price: float = 0.9) -> typing.List[str]:
    return genres(sd=genre_totals(excluded=excluded, min_price=min_price))


@workflow
def longest_tar_wf() -> StructuredDataset:
    return longest()


@workflow
def schema_wf(genre: str = "rock") -> int:
    return schema_rows(s=as_schema(genre=genre))


@workflow
def default_schema_wf() -> int:
    return count_of(s=default_schema())


@workflow
def repeat_wf(word: str = "la", times: int = 3) -> typing.Tuple[str, int]:
    text, weight = repeat(word=word, times=times)
    return text, weight


@workflow
def storage_wf(x: int = 4) -> int:
    return double(x=double(x=x))


@workflow
def broken_wf() -> typing.List[str]:
    return names(df=broken_query())


CASES: dict[str, Callable[[], object]] = {
    "first_tracks": lambda: first_tracks_wf(limit=2),
    "first_tracks_direct": lambda: first_tracks(limit=5),
    "price": lambda: price_wf(limit=4),
    "genres_zip": lambda: genres_zip_wf(excluded="jazz", min_price=0.9),
    "genres_zip_all": lambda: genres_zip_wf(excluded="none", min_price=0.0),
    "longest_tar": lambda: longest_tar_wf(),
    "schema_rows": lambda: schema_wf(genre="ambient"),
    "default_schema": lambda: default_schema_wf(),
    "repeat": lambda: repeat_wf(word="ho", times=3),
    "repeat_direct": lambda: repeat(word="x", times=1),
    "storage": lambda: storage_wf(x=5),
    "broken_query": lambda: broken_wf(),
    "missing_db_uri": lambda: SQLite3Task(name="shim_sqlite.no_db", query_template="select 1"),
    "interpolate_extra_input": lambda: SQLite3Task.interpolate_query("select 1", x=1),
    "storage_loads_index": lambda: storage.load_task(storage.loader_args(None, double)).name,  # type: ignore[arg-type]
}
