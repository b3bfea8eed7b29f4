"""Tasks run by ``pyflyte-execute`` in tests/sdk/containers/test_runtime.py."""

from __future__ import annotations

from flytekit import Deck, current_context, kwtypes, task
from flytekit.extras.tasks.shell import OutputLocation, ShellTask
from flytekit.types.file import FlyteFile


@task(enable_deck=True)
def decked(n: int) -> int:
    Deck("numbers", f"<p>n is {n}</p>")
    current_context().default_deck.append("<p>default</p>")
    return n + 1


@task
def plain(n: int) -> int:
    return n


shout = ShellTask(
    name="shout",
    script="echo '{inputs.word}!' > {outputs.out}",
    inputs=kwtypes(word=str),
    output_locs=[OutputLocation(var="out", var_type=FlyteFile, location="{ctx.working_directory}/shout.txt")],
)
