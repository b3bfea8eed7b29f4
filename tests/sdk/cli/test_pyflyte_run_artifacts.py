"""``pyflyte run`` with an input that defaults to an artifact query: locally it must be given;
remotely it is left out for the backend to resolve (this Flyte has no artifact service, so admin
then asks for it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from flytekit.clis.pyflyte import main
from tests.sdk.remote.platform import RunningAdmin, UserProject

FLOWS = """
    import datetime

    from flytekit import Artifact, task, workflow

    Days = Artifact(name="days")


    @task
    def show(d: datetime.datetime) -> str:
        return d.date().isoformat()


    @workflow
    def day_wf(d: datetime.datetime = Days.query()) -> str:
        return show(d=d)
"""


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    monkeypatch.chdir(user_project.root)
    for name in ("FLYTE_DEFAULT_PROJECT", "FLYTE_DEFAULT_DOMAIN", "FLYTE_PLATFORM_URL", "FLYTECTL_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    in_project = user_project
    in_project.write("days", FLOWS)
    yield in_project


def test_a_query_default_must_be_given_locally(in_project: UserProject) -> None:
    script = f"{in_project.package}/days.py"
    missing = CliRunner().invoke(main, ["run", script, "day_wf"])
    assert missing.exit_code == 2
    assert "Default for 'd' is a query, which must be specified when running locally." in missing.output
    given = CliRunner().invoke(main, ["run", script, "day_wf", "--d", "2024-02-03"], catch_exceptions=False)
    assert given.exit_code == 0, given.output
    assert given.output.splitlines()[-1] == "2024-02-03"
    shown = CliRunner().invoke(main, ["run", script, "day_wf", "--help"])
    assert "[default: Artifact Query: on days]" in shown.output


@pytest.mark.integration
def test_a_query_default_is_left_to_the_backend_remotely(
    in_project: UserProject, admin: RunningAdmin, tmp_path: Path
) -> None:
    config = str(admin.write_config_file(tmp_path))
    script = f"{in_project.package}/days.py"
    result = CliRunner().invoke(main, ["-c", config, "run", "--remote", script, "day_wf"])
    assert "Input 'd' not passed, supported backends will query for 'days'..." in result.output
    assert result.exit_code == 1
    assert "INVALID_ARGUMENT" in result.output and "pass a value for input d" in result.output
