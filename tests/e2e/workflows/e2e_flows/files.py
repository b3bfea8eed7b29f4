"""One task writes a file and a folder; the next reads them back (offloaded through the sandbox's S3)."""

from __future__ import annotations

import os

from flytekit import FlyteDirectory, FlyteFile, current_context, task, workflow


@task
def write_data(text: str) -> tuple[FlyteFile, FlyteDirectory]:
    work = current_context().working_directory
    path = os.path.join(work, "greeting.txt")
    with open(path, "w") as f:
        f.write(text)
    folder = os.path.join(work, "parts")
    os.makedirs(os.path.join(folder, "sub"))
    for name, body in (("a.txt", "A"), ("b.txt", "B"), (os.path.join("sub", "c.txt"), "C")):
        with open(os.path.join(folder, name), "w") as f:
            f.write(body)
    return FlyteFile(path), FlyteDirectory(folder)


@task
def read_data(f: FlyteFile, d: FlyteDirectory) -> str:
    with open(f) as handle:
        text = handle.read()
    files = []
    for root, _dirs, names in os.walk(d):
        for name in names:
            rel = os.path.relpath(os.path.join(root, name), d.path)
            with open(os.path.join(root, name)) as handle:
                files.append(f"{rel}={handle.read()}")
    return f"{text}|{','.join(sorted(files))}"


@workflow
def files_wf(text: str) -> str:
    f, d = write_data(text=text)
    return read_data(f=f, d=d)
