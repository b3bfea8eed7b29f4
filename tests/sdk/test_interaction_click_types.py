"""Command-line values to typed inputs: click types, JSON coercion and input options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import click
import pytest
from click.testing import CliRunner

from flytekit.interaction.click_types import JsonParamType, click_type_for, input_option
from flytekit.interaction.coercion import CoercionError, coerce, unwrap_optional


@pytest.mark.parametrize(
    ("value", "python_type", "expected"),
    [
        ([1, 2], list[int], [1, 2]),
        ({"a": 1}, dict[str, float], {"a": 1.0}),
        ([[1.5], []], list[list[float]], [[1.5], []]),
        ({"k": [True, False]}, dict[str, list[bool]], {"k": [True, False]}),
        (None, Optional[int], None),  # noqa: UP045 (typing.Optional spelled as users do)
        ("x", Any, "x"),
    ],
)
def test_coerce_accepts_matching_values(value: Any, python_type: Any, expected: Any) -> None:
    assert coerce(value, python_type) == expected


@pytest.mark.parametrize(
    ("value", "python_type", "message"),
    [
        (["a"], list[int], r"value\[0\]: expected an int"),
        ({"a": "x"}, dict[str, float], r"value\['a'\]: expected a float"),
        ([True], list[int], "expected an int"),
        ({"a": 1}, list[int], "expected a list"),
        (None, int, "null given"),
    ],
)
def test_coerce_rejects_mismatches_naming_the_place(value: Any, python_type: Any, message: str) -> None:
    with pytest.raises(CoercionError, match=message):
        coerce(value, python_type)


def test_unwrap_optional() -> None:
    assert unwrap_optional(Optional[int]) == (int, True)  # noqa: UP045
    assert unwrap_optional(int | None) == (int, True)
    assert unwrap_optional(int) == (int, False)


def test_json_param_reads_json_yaml_and_files(tmp_path: Path) -> None:
    param = JsonParamType(list[int])
    assert param.convert("[1, 2]", None, None) == [1, 2]
    assert param.convert("- 3\n- 4\n", None, None) == [3, 4]
    data = tmp_path / "values.json"
    data.write_text(json.dumps([5]))
    assert param.convert(str(data), None, None) == [5]
    assert param.name == "json object OR json/yaml file path"
    assert click_type_for(list[int]).name == "json list"
    with pytest.raises(click.BadParameter, match="expected an int"):
        param.convert('["x"]', None, None)


def _command(*options: click.Option) -> click.Command:
    @click.command(params=list(options))
    def show(**kwargs: Any) -> None:
        click.echo(json.dumps(kwargs, sort_keys=True))

    return show


def test_input_options_parse_every_supported_type() -> None:
    command = _command(
        input_option("a", int, False, None, "a"),
        input_option("b", float, True, 1.5, "b"),
        input_option("c", str, True, "x", "c"),
        input_option("d", bool, True, False, "d"),
        input_option("e", list[int], True, [1], "e"),
        input_option("f", dict[str, float], False, None, "f"),
    )
    result = CliRunner().invoke(command, ["--a", "3", "--d", "--e", "[1,2]", "--f", '{"x": 2}'])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"a": 3, "b": 1.5, "c": "x", "d": True, "e": [1, 2], "f": {"x": 2.0}}


def test_required_inputs_and_bad_values_are_usage_errors() -> None:
    command = _command(
        input_option("a", int, False, None, "a"), input_option("flag_x", bool, True, True, "f")
    )
    missing = CliRunner().invoke(command, [])
    assert missing.exit_code == 2 and "Missing option '--a'" in missing.output
    bad = CliRunner().invoke(command, ["--a", "three"])
    assert bad.exit_code == 2 and "'three' is not a valid integer" in bad.output
    negated = CliRunner().invoke(command, ["--a", "1", "--no-flag-x"])
    assert json.loads(negated.output)["flag_x"] is False


def test_help_shows_types_and_defaults() -> None:
    command = _command(input_option("e", list[int], True, [1], "e"), input_option("b", float, True, 1.5, "b"))
    result = CliRunner().invoke(command, ["--help"])
    assert "JSON LIST" in result.output
    assert "default: 1.5" in result.output
