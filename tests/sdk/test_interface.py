"""Interfaces from signatures and descriptions from docstrings (reST, Google, numpydoc)."""

from __future__ import annotations

import typing

import pytest

from flyteidl.core import types_pb2
from flytekit.core.docstring import Docstring
from flytekit.core.interface import (
    Interface,
    transform_function_to_interface,
    transform_interface_to_typed_interface,
)
from flytekit.errors import FlyteMissingTypeException, FlyteValidationException

REST = """Short line
second line of summary.

Long para.
:param a: A desc
  continued
:param int b: B desc
:return: ret desc
"""

GOOGLE = """Summary.

    Args:
        a (int): the a
            more a
        b: the b

    Returns:
        int: the answer
"""

NUMPY = """
    Summary numpy.

    Parameters
    ----------
    a : int
        The a.
    b
        The b.

    Returns
    -------
    int
        The result.
"""


class Out(typing.NamedTuple):
    total: int
    label: str


@pytest.mark.parametrize(
    ("text", "short", "long", "inputs", "outputs"),
    [
        (
            REST,
            "Short line",
            "second line of summary.\n\nLong para.",
            {"a": "A desc\ncontinued", "b": "B desc"},
            {None: "ret desc"},
        ),
        (GOOGLE, "Summary.", None, {"a": "the a\nmore a", "b": "the b"}, {None: "the answer"}),
        (NUMPY, "Summary numpy.", None, {"a": "The a.", "b": "The b."}, {None: "The result."}),
        ("Just text :param a: inline", "Just text :param a: inline", None, {}, {}),
        (
            "\n    :param when: time\n    :return: new time\n",
            None,
            None,
            {"when": "time"},
            {None: "new time"},
        ),
    ],
)
def test_docstring_styles(
    text: str, short: str | None, long: str | None, inputs: dict[str, str], outputs: dict[str | None, str]
) -> None:
    # Expected values are what flytekit 1.16.31 (docstring_parser) reports for the same text.
    doc = Docstring(docstring=text)
    assert (doc.short_description, doc.long_description) == (short, long)
    assert doc.input_descriptions == inputs
    assert doc.output_descriptions == outputs


def test_function_interface_inputs_defaults_and_single_output() -> None:
    def f(a: int, b: str = "x", c: list[float] = []) -> float:  # noqa: B006
        return 0.0

    interface = transform_function_to_interface(f)
    assert interface.inputs == {"a": int, "b": str, "c": list[float]}
    assert interface.default_inputs_as_kwargs == {"b": "x", "c": []}
    assert interface.inputs_with_defaults == {"a": (int, None), "b": (str, "x"), "c": (list[float], [])}
    assert interface.outputs == {"o0": float}


def test_tuple_and_named_tuple_outputs() -> None:
    def pair() -> tuple[int, str]:
        return 1, "a"

    def modern() -> tuple[int, str]:
        return 1, "a"

    def named() -> Out:
        return Out(1, "a")

    def nothing() -> None:
        pass

    assert transform_function_to_interface(pair).outputs == {"o0": int, "o1": str}
    assert transform_function_to_interface(modern).outputs == {"o0": int, "o1": str}
    interface = transform_function_to_interface(named)
    assert interface.outputs == {"total": int, "label": str}
    assert interface.output_tuple_name == "Out"
    assert interface.output_tuple()(1, "a") == (1, "a")
    assert type(interface.output_tuple()(1, "a")).__name__ == "Out"
    assert transform_function_to_interface(nothing).outputs == {}
    assert (
        type(Interface({}, {"o0": int, "o1": int}).output_tuple()(1, 2)).__name__ == "DefaultNamedTupleOutput"
    )


def test_bad_signatures_are_refused() -> None:
    def untyped(a, b: int) -> int:  # type: ignore[no-untyped-def]
        return b

    def one_tuple() -> tuple[int]:
        return (1,)

    def star(*args: int) -> None:
        pass

    with pytest.raises(FlyteMissingTypeException, match="parameter 'a' has no type annotation"):
        transform_function_to_interface(untyped)
    with pytest.raises(FlyteValidationException, match="one-element tuple"):
        transform_function_to_interface(one_tuple)
    with pytest.raises(FlyteValidationException, match=r"\*args"):
        transform_function_to_interface(star)


def test_typed_interface_descriptions() -> None:
    def f(a: int, b: str) -> tuple[int, int]:
        """Do it.

        :param a: the a
        :return: the numbers
        """
        return 1, 2

    typed = transform_interface_to_typed_interface(transform_function_to_interface(f))
    assert typed.inputs.variables["a"].description == "the a"
    assert typed.inputs.variables["b"].description == "b", "defaults to the variable name"
    # A single return description is shared by all outputs, as flytekit does.
    assert [typed.outputs.variables[k].description for k in ("o0", "o1")] == ["the numbers", "the numbers"]
    assert typed.inputs.variables["a"].type == types_pb2.LiteralType(simple=types_pb2.INTEGER)


def test_unsupported_types_name_the_variable() -> None:
    def f(a: list) -> None:  # type: ignore[type-arg]  # an untyped list has no literal type
        pass

    with pytest.raises(FlyteValidationException, match="Variable 'a'"):
        transform_interface_to_typed_interface(transform_function_to_interface(f))
