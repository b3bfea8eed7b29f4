"""Prints the literal type and literal of a table of cases as JSON, run by either flytekit.

Run with our interpreter or the reference flytekit 1.16.31's; ``test_reference_types`` compares
the two outputs. Each case gives ``{"type": hex, "literal": hex}`` (deterministic protobuf bytes,
since Struct maps have no fixed order) or ``{"error": exception class name}``.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
from typing import Any, Optional, Union

from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


@dataclasses.dataclass
class Point:
    x: int
    y: float = 0.5


@dataclasses.dataclass
class Shape:
    name: str
    origin: Point
    corners: list[Point]
    tags: dict[str, int]
    color: Color = Color.RED
    note: str | None = None
    size: int | float = 1
    when: datetime.datetime | None = None
    extra: dict[str, list[float]] = dataclasses.field(default_factory=dict)


SHAPE = Shape(
    name="tri",
    origin=Point(1),
    corners=[Point(0, 0.0), Point(3, 1.5)],
    tags={"a": 1},
    note="hi",
    size=2.5,
    extra={"k": [1.0, 2.0]},
)

CASES: list[tuple[str, Any, Any]] = [
    ("optional_int_value", Optional[int], 3),
    ("optional_int_none", Optional[int], None),
    ("pipe_optional_str", str | None, "a"),
    ("union_int_str_str", Union[int, str], "a"),
    ("union_int_float_int", Union[int, float], 1),
    ("union_int_float_float", Union[int, float, None], 1.5),
    ("union_int_bool", Union[int, bool], True),
    ("union_list_dict", Union[list[int], dict[str, int]], {"a": 1}),
    ("union_lists_ambiguous", Union[list[int], list[str]], []),
    ("union_no_match", Union[int, str], 1.5),
    ("optional_list", Optional[list[int | None]], [1, None]),
    ("union_dates", Union[datetime.date, datetime.timedelta], datetime.timedelta(seconds=3)),
    ("enum", Color, Color.GREEN),
    ("optional_enum", Optional[Color], Color.RED),
    ("union_str_enum", Union[str, Color], Color.GREEN),
    ("list_enum", list[Color], [Color.RED, Color.GREEN]),
    ("dataclass_flat", Point, Point(2, 3.0)),
    ("dataclass_nested", Shape, SHAPE),
    ("optional_dataclass", Optional[Point], Point(1)),
    ("list_dataclass", list[Point], [Point(1), Point(2)]),
    ("dict_dataclass", dict[str, Shape], {"s": SHAPE}),
    ("union_dataclass_dict_ambiguous", Union[Point, dict], {"x": 1}),
    ("untyped_dict", dict, {"a": 1, "b": [1, 2], "c": {"d": "e"}, "f": None, "g": 1.5}),
    ("typing_dict_bare", dict, {"a": True}),
    ("int_keyed_dict", dict[int, str], {1: "a", 2: "b"}),
    ("optional_untyped_dict", Optional[dict], {"a": 1}),
]


def _bytes(message: Any) -> str:
    proto = message.to_flyte_idl() if hasattr(message, "to_flyte_idl") else message
    return str(proto.SerializeToString(deterministic=True).hex())


def main() -> None:
    ctx = FlyteContextManager.current_context()
    out: dict[str, dict[str, str]] = {}
    for name, python_type, value in CASES:
        try:
            literal_type = TypeEngine.to_literal_type(python_type)
            out[name] = {"type": _bytes(literal_type)}
            literal = TypeEngine.to_literal(ctx, value, python_type, literal_type)
            out[name]["literal"] = _bytes(literal)
        except Exception as exc:
            out.setdefault(name, {})["error"] = type(exc).__name__
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
