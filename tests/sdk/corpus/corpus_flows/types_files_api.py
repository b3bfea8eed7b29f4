"""FlyteFile/FlyteDirectory APIs: new_remote_file + streaming open, new_remote folders, listdir, crawl, from_source."""

import os
import typing

from flytekit import FlyteDirectory, FlyteFile, task, workflow
from flytekit.types.directory import TensorboardLogs
from flytekit.types.file import CSVFile


@task
def write_remote(text: str) -> FlyteFile:
    ff = FlyteFile.new_remote_file(name="greeting.txt")
    with ff.open("w") as f:
        f.write(text)
    return ff


@task
def read_stream(ff: FlyteFile) -> str:
    with ff.open("r") as f:
        return f.read().upper()


@task
def make_dir() -> FlyteDirectory:
    d = FlyteDirectory.new_remote(stem="outdir")
    for i in range(2):
        with d.new_file(f"f{i}.txt").open("w") as f:
            f.write(str(i))
    return d


@task
def list_dir(d: FlyteDirectory) -> typing.List[str]:
    names = sorted(
        os.path.basename(e.path if not e.remote_source else e.remote_source)
        for e in FlyteDirectory.listdir(d)
    )
    crawled = sorted(rel for _, rel in d.crawl())
    return names + crawled


@task
def copy_from_source(path: str) -> str:
    with open(FlyteFile.from_source(path)) as f:
        return f.read()


@task
def aliases(csv: CSVFile, logs: TensorboardLogs) -> typing.List[str]:
    return [type(csv).__name__, os.path.basename(csv.path), type(logs).__name__]


@workflow
def wf(text: str) -> typing.Tuple[str, typing.List[str]]:
    return read_stream(ff=write_remote(text=text)), list_dir(d=make_dir())


def _from_source() -> str:
    return copy_from_source(path=write_remote(text="abc").path)


CASES = {
    "streams_and_remote_folders": lambda: wf(text="hi"),
    "from_source": _from_source,
    "format_aliases": lambda: aliases(csv="s3://bucket/data/a.csv", logs="s3://bucket/logs"),
}
