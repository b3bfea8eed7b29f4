"""ShellTask corpus: scripts with file outputs, typed inputs, a directory output, and a failing script."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from flytekit import kwtypes, task, workflow
from flytekit.extras.tasks.shell import OutputLocation, ShellTask
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile

write_report = ShellTask(
    name="containers_shell.write_report",
    script="""
    set -e
    echo "name={inputs.name}" > {outputs.report}
    echo "count={inputs.count}" >> {outputs.report}
    echo "ratio={inputs.ratio}" >> {outputs.report}
    """,
    inputs=kwtypes(name=str, count=int, ratio=float),
    output_locs=[
        OutputLocation(var="report", var_type=FlyteFile, location="{ctx.working_directory}/report.txt")
    ],
)

append_line = ShellTask(
    name="containers_shell.append_line",
    script="""
    set -e
    cp {inputs.src} {outputs.out}
    echo "appended by shell" >> {outputs.out}
    """,
    inputs=kwtypes(src=FlyteFile),
    output_locs=[
        OutputLocation(var="out", var_type=FlyteFile, location="{ctx.working_directory}/appended.txt")
    ],
)

make_dir = ShellTask(
    name="containers_shell.make_dir",
    shell="/bin/bash",
    script="""
    set -euo pipefail
    mkdir -p {outputs.d}
    for i in $(seq 1 {inputs.n}); do echo "file $i" > {outputs.d}/f$i.txt; done
    """,
    inputs=kwtypes(n=int),
    output_locs=[OutputLocation(var="d", var_type=FlyteDirectory, location="{ctx.working_directory}/made")],
)

failing = ShellTask(name="containers_shell.failing", script="echo failing; exit 3")


@task
def seed_file(text: str) -> FlyteFile:
    path = os.path.join(tempfile.mkdtemp(), "seed.txt")
    with open(path, "w") as f:
        f.write(text + "\n")
    return FlyteFile(path)


@task
def read_text(f: FlyteFile) -> str:
    with open(f) as handle:
        return handle.read()


@workflow
def shell_report_wf(name: str = "flyte", count: int = 3, ratio: float = 0.5) -> str:
    return read_text(f=write_report(name=name, count=count, ratio=ratio))


@workflow
def shell_file_wf(text: str = "hello") -> FlyteFile:
    return append_line(src=seed_file(text=text))


@workflow
def shell_dir_wf(n: int = 3) -> FlyteDirectory:
    return make_dir(n=n)


@workflow
def shell_failing_wf() -> None:
    failing()


CASES: dict[str, Callable[[], object]] = {
    "shell_report": lambda: shell_report_wf(name="corpus", count=7, ratio=1.25),
    "shell_file": lambda: shell_file_wf(text="from the corpus"),
    "shell_dir": lambda: shell_dir_wf(n=2),
    "shell_task_direct": lambda: read_text(f=write_report(name="direct", count=1, ratio=2.0)),
    "shell_failing": lambda: shell_failing_wf(),
}
