"""``pyflyte run`` of dynamic and eager entities in-process, as a user runs them locally."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from flytekit.clis.pyflyte import main
from tests.sdk.remote.platform import UserProject

FLOWS = """
    import asyncio
    import typing
    from flytekit import dynamic, eager, task

    @task
    def square(x: int) -> int:
        return x * x

    @task
    async def cube(x: int) -> int:
        return x * x * x

    @dynamic
    def squares(n: int) -> typing.List[int]:
        return [square(x=i) for i in range(n)]

    @eager
    async def powers(n: int) -> int:
        cubes = await asyncio.gather(*[cube(x=i) for i in range(n)])
        return sum(cubes) + square(x=n)
"""


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    monkeypatch.chdir(user_project.root)
    user_project.write("flows", FLOWS)
    yield user_project


@pytest.mark.parametrize(("entity", "expected"), [("squares", "[0, 1, 4]"), ("powers", "18"), ("cube", "27")])
def test_run_locally(in_project: UserProject, entity: str, expected: str) -> None:
    result = CliRunner().invoke(
        main, ["run", f"{in_project.package}/flows.py", entity, "--n" if entity != "cube" else "--x", "3"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == expected
