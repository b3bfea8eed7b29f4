"""Dataclasses holding FlyteFile, FlyteDirectory and StructuredDataset fields (msgpack values)."""

import os
import tempfile
import typing
from dataclasses import dataclass, field

import pandas as pd

from flytekit import StructuredDataset, task, workflow
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile


@dataclass
class Bundle:
    name: str
    report: FlyteFile
    folder: FlyteDirectory
    table: StructuredDataset
    extras: typing.List[FlyteFile] = field(default_factory=list)
    maybe: typing.Optional[FlyteFile] = None


@dataclass
class Outer:
    bundle: Bundle
    by_name: typing.Dict[str, FlyteFile]


def _write(folder: str, name: str, text: str) -> str:
    path = os.path.join(folder, name)
    with open(path, "w") as handle:
        handle.write(text)
    return path


@task
def make_bundle(n: int) -> Bundle:
    work = tempfile.mkdtemp()
    folder = os.path.join(work, "folder")
    os.makedirs(folder)
    _write(folder, "a.txt", f"a{n}")
    _write(folder, "b.txt", f"b{n}")
    return Bundle(
        name=f"bundle-{n}",
        report=FlyteFile(_write(work, "report.txt", f"report {n}")),
        folder=FlyteDirectory(folder),
        table=StructuredDataset(dataframe=pd.DataFrame({"a": [n, n + 1]})),
        extras=[FlyteFile(_write(work, "extra.csv", "x,y"))],
    )


@task
def describe(b: Bundle) -> str:
    with open(b.report) as handle:
        report = handle.read()
    files = sorted(os.listdir(b.folder))
    column = b.table.open(pd.DataFrame).all()["a"].tolist()
    return f"{b.name}|{report}|{files}|{column}|{len(b.extras)}|{b.maybe}"


@task
def wrap(b: Bundle) -> Outer:
    return Outer(bundle=b, by_name={"report": b.report})


@task
def read_outer(o: Outer) -> str:
    with open(o.by_name["report"]) as handle:
        return handle.read() + "|" + o.bundle.name


@workflow
def bundle_flow(n: int) -> str:
    return describe(b=make_bundle(n=n))


@workflow
def nested_flow(n: int) -> str:
    return read_outer(o=wrap(b=make_bundle(n=n)))


@workflow
def bundle_out(n: int) -> Bundle:
    return make_bundle(n=n)


CASES = {
    "bundle_flow": lambda: bundle_flow(n=2),
    "nested_flow": lambda: nested_flow(n=3),
    "bundle_returned": lambda: bundle_out(n=4),
    "task_direct": lambda: describe(b=make_bundle(n=5)),
}
