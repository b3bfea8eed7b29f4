"""Files and folders between tasks."""

import os
import typing

from flytekit import current_context, task, workflow
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile


@task
def write_text(text: str) -> FlyteFile:
    path = os.path.join(current_context().working_directory, "note.txt")
    with open(path, "w") as handle:
        handle.write(text)
    return FlyteFile(path)


@task
def shout(f: FlyteFile) -> FlyteFile:
    with open(f) as handle:
        text = handle.read()
    out = os.path.join(current_context().working_directory, "shout.txt")
    with open(out, "w") as handle:
        handle.write(text.upper())
    return FlyteFile(out)


@task
def count_chars(f: FlyteFile) -> int:
    with open(f) as handle:
        return len(handle.read())


@task
def make_folder(names: typing.List[str]) -> FlyteDirectory:
    folder = os.path.join(current_context().working_directory, "made")
    os.makedirs(folder, exist_ok=True)
    for name in names:
        with open(os.path.join(folder, name), "w") as handle:
            handle.write(name * 2)
    return FlyteDirectory(folder)


@task
def list_folder(d: FlyteDirectory) -> typing.List[str]:
    return sorted(os.listdir(d))


@workflow
def file_wf(text: str = "quiet") -> typing.Tuple[FlyteFile, int]:
    loud = shout(f=write_text(text=text))
    return loud, count_chars(f=loud)


@workflow
def folder_wf(names: typing.List[str]) -> typing.Tuple[FlyteDirectory, typing.List[str]]:
    d = make_folder(names=names)
    return d, list_folder(d=d)


CASES = {
    "file_roundtrip": lambda: file_wf(),
    "folder_roundtrip": lambda: folder_wf(names=["a.txt", "b.txt"]),
}
