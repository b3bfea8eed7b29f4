"""``pyflyte run`` inputs of every type from the command line, ``--inputs-file`` and ``--help``."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from flytekit.clis.pyflyte import main
from flytekit.interaction.timeparsing import parse_datetime, parse_duration
from tests.sdk.remote.platform import UserProject

TYPES = """
    import datetime
    import enum
    import typing
    from dataclasses import dataclass

    from flytekit import task, workflow
    from flytekit.types.directory import FlyteDirectory
    from flytekit.types.file import FlyteFile


    class Color(enum.Enum):
        RED = "red"
        GREEN = "green"


    @dataclass
    class Point:
        x: int
        y: float
        when: datetime.datetime


    @task
    def show(
        when: datetime.datetime,
        span: datetime.timedelta,
        color: Color,
        flag: bool,
        xs: typing.List[int],
        d: typing.Dict[str, float],
        p: Point,
        f: FlyteFile,
        folder: FlyteDirectory,
        u: typing.Union[int, str],
        maybe: typing.Optional[int] = None,
    ) -> str:
        with open(f) as handle:
            text = handle.read().strip()
        import os
        files = sorted(os.listdir(folder))
        return (
            f"{when.replace(tzinfo=None).isoformat()}|{span.total_seconds()}|{color.value}|{flag}|{xs}|"
            f"{sorted(d.items())}|"
            f"{p.x},{p.y},{p.when.year}|{text}|{files}|{u!r}|{maybe}"
        )


    @workflow
    def greet(name: str = "bob", color: Color = Color.GREEN, times: int = 2) -> str:
        return show_name(name=name, times=times)


    @task
    def show_name(name: str, times: int) -> str:
        return " ".join([name] * times)
"""


@pytest.fixture
def in_project(user_project: UserProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[UserProject]:
    monkeypatch.chdir(user_project.root)
    yield user_project


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["run", *args], catch_exceptions=False)


def test_every_input_type_converts_from_text(in_project: UserProject, tmp_path: Path) -> None:
    in_project.write("types", TYPES)
    data = tmp_path / "data.txt"
    data.write_text("file body\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.csv").write_text("1")
    (folder / "b.csv").write_text("2")
    result = _run(
        f"{in_project.package}/types.py",
        "show",
        "--when", "2024-01-31T10:00:00",
        "--span", "1h30m",
        "--color", "red",
        "--flag",
        "--xs", "[1, 2]",
        "--d", "a: 1\nb: 2.5",
        "--p", json.dumps({"x": 1, "y": 2, "when": "2020-05-01"}),
        "--f", str(data),
        "--folder", str(folder),
        "--u", "7",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "2024-01-31T10:00:00|5400.0|red|True|[1, 2]|[('a', 1.0), ('b', 2.5)]|1,2.0,2020|file body|"
        "['a.csv', 'b.csv']|7|None"
    )
    text_union = _run(
        f"{in_project.package}/types.py", "show", "--when", "now - 1d", "--span", "10", "--color", "green",
        "--no-flag", "--xs", "[]", "--d", "{}", "--p", '{"x": 0, "y": 0, "when": "today"}', "--f", str(data),
        "--folder", str(folder), "--u", "seven", "--maybe", "3",
    )  # fmt: skip
    assert text_union.exit_code == 0, text_union.output
    fields = text_union.output.splitlines()[-1].split("|")
    yesterday = datetime.datetime.now() - datetime.timedelta(days=1)
    assert abs(datetime.datetime.fromisoformat(fields[0]) - yesterday) < datetime.timedelta(minutes=5)
    assert fields[1:4] == ["10.0", "green", "False"]
    assert fields[-2:] == ["'seven'", "3"]


def test_bad_values_name_the_input_and_the_choices(in_project: UserProject, tmp_path: Path) -> None:
    in_project.write("types", TYPES)
    script = f"{in_project.package}/types.py"
    bad_color = CliRunner().invoke(main, ["run", script, "greet", "--color", "blue"])
    assert bad_color.exit_code == 2 and "'blue' is not one of 'red', 'green'" in bad_color.output
    missing_file = CliRunner().invoke(
        main,
        ["run", script, "show", "--when", "now", "--span", "1d", "--color", "red", "--xs", "[]",
         "--d", "{}", "--p", '{"x": 1, "y": 1, "when": "now"}', "--f", str(tmp_path / "nope"),
         "--folder", str(tmp_path), "--u", "1"],
    )  # fmt: skip
    assert missing_file.exit_code == 2
    assert "does not exist" in missing_file.output
    bad_point = CliRunner().invoke(main, ["run", script, "show", "--p", '{"x": 1}'])
    assert bad_point.exit_code == 2 and "cannot build Point" in bad_point.output
    bad_time = CliRunner().invoke(main, ["run", script, "show", "--when", "yesterday-ish"])
    assert bad_time.exit_code == 2 and "is not a date/time" in bad_time.output


def test_help_shows_defaults_and_types(in_project: UserProject) -> None:
    in_project.write("types", TYPES)
    result = _run(f"{in_project.package}/types.py", "greet", "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--name TEXT name [default: bob]" in text
    assert "--color [red|green] color [default: green]" in text
    assert "--inputs-file FILE" in text


def test_inputs_file_supplies_values_and_the_command_line_wins(
    in_project: UserProject, tmp_path: Path
) -> None:
    in_project.write("types", TYPES)
    script = f"{in_project.package}/types.py"
    inputs = tmp_path / "inputs.yaml"
    inputs.write_text("name: ann\ntimes: 3\n")
    from_file = _run(script, "greet", "--inputs-file", str(inputs))
    assert from_file.output.splitlines()[-1] == "ann ann ann"
    overridden = _run(script, "greet", "--inputs-file", str(inputs), "--times", "1")
    assert overridden.output.splitlines()[-1] == "ann"
    required = tmp_path / "required.json"
    required.write_text(json.dumps({"name": "zed", "times": 1}))
    task_run = _run(script, "show_name", "--inputs-file", str(required))
    assert task_run.output.splitlines()[-1] == "zed"
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("nope: 1\n")
    bad = CliRunner().invoke(main, ["run", script, "greet", "--inputs-file", str(unknown)])
    assert bad.exit_code == 2 and "unknown input(s) nope" in bad.output
    missing = CliRunner().invoke(main, ["run", script, "show_name", "--name", "x"])
    assert missing.exit_code == 2 and "Missing option '--times'" in missing.output


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1d", 86400), ("2h30m", 9000), ("10 days", 864000), ("1:24", 84), (":22", 22), ("1:02:03", 3723),
     ("P1DT2H", 93600), ("90", 90), ("1 minute", 60), ("1.5h", 5400)],
)  # fmt: skip
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text).total_seconds() == seconds


def test_datetimes() -> None:
    assert parse_datetime("2024-01-31") == datetime.datetime(2024, 1, 31)
    assert parse_datetime("2024-01-31 10:00:00") == datetime.datetime(2024, 1, 31, 10)
    assert parse_datetime("2024-01-31T10:00:00 + 1h") == datetime.datetime(2024, 1, 31, 11)
    today = parse_datetime("today")
    assert (today.hour, today.minute) == (0, 0)
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("3 fortnights")
