"""``LiteralsResolver``: a read-only mapping from names to literals that converts to Python on access.

Execution inputs and outputs arrive as a ``LiteralMap``. ``resolver["o0"]`` converts with the
Python type guessed from the entity's interface (``variable_map``) -- or, when no interface is
known, from the literal's own shape -- and ``resolver.get("o0", as_type=list[int])`` converts to an
explicit type. Converted values are cached.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from flyteidl.core import interface_pb2, literals_pb2, types_pb2
from flytekit.errors import FlyteAssertion


def infer_literal_type(literal: literals_pb2.Literal) -> types_pb2.LiteralType:
    """The literal type a literal carries, for primitives and (non-empty) lists and maps of them."""
    kind = literal.WhichOneof("value")
    if kind == "scalar":
        scalar = literal.scalar
        if scalar.WhichOneof("value") == "primitive":
            simple = {
                "integer": types_pb2.INTEGER,
                "float_value": types_pb2.FLOAT,
                "string_value": types_pb2.STRING,
                "boolean": types_pb2.BOOLEAN,
                "datetime": types_pb2.DATETIME,
                "duration": types_pb2.DURATION,
            }[scalar.primitive.WhichOneof("value") or "string_value"]
            return types_pb2.LiteralType(simple=simple)
        if scalar.WhichOneof("value") == "none_type":
            return types_pb2.LiteralType(simple=types_pb2.NONE)
    if kind == "collection" and literal.collection.literals:
        return types_pb2.LiteralType(collection_type=infer_literal_type(literal.collection.literals[0]))
    if kind == "map" and literal.map.literals:
        first = next(iter(literal.map.literals.values()))
        return types_pb2.LiteralType(map_value_type=infer_literal_type(first))
    raise FlyteAssertion(
        f"Cannot tell the Python type of a {kind or 'empty'} literal without an interface; "
        "pass it explicitly with .get(name, as_type=...)."
    )


class LiteralsResolver(Mapping[str, Any]):
    """Named literals (inputs or outputs of an execution) with lazy conversion to Python values."""

    def __init__(
        self,
        literals: Mapping[str, literals_pb2.Literal],
        variable_map: Mapping[str, interface_pb2.Variable] | None = None,
    ) -> None:
        self._literals = dict(literals)
        self._variable_map = dict(variable_map) if variable_map is not None else None
        self._native: dict[str, Any] = {}

    @classmethod
    def from_literal_map(
        cls,
        literal_map: literals_pb2.LiteralMap,
        variable_map: Mapping[str, interface_pb2.Variable] | None = None,
    ) -> LiteralsResolver:
        return cls(literal_map.literals, variable_map)

    @property
    def literals(self) -> dict[str, literals_pb2.Literal]:
        return self._literals

    @property
    def variable_map(self) -> dict[str, interface_pb2.Variable] | None:
        return self._variable_map

    def get_literal(self, key: str) -> literals_pb2.Literal:
        try:
            return self._literals[key]
        except KeyError:
            raise KeyError(f"No value named {key!r}; available: {sorted(self._literals)}") from None

    def _guess_type(self, key: str) -> Any:
        from flytekit.core.type_engine import TypeEngine

        if self._variable_map is not None and key in self._variable_map:
            return TypeEngine.guess_python_type(self._variable_map[key].type)
        return TypeEngine.guess_python_type(infer_literal_type(self.get_literal(key)))

    def get(self, key: str, as_type: Any = None) -> Any:
        """The Python value of ``key``, converted to ``as_type`` (or to the guessed type)."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.type_engine import TypeEngine

        if as_type is None and key in self._native:
            return self._native[key]
        literal = self.get_literal(key)
        python_type = as_type if as_type is not None else self._guess_type(key)
        value = TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, python_type)
        if as_type is None:
            self._native[key] = value
        return value

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def __iter__(self) -> Iterator[str]:
        """Names in sorted order (protobuf maps keep none): ``o0, o1, ...`` for outputs."""
        return iter(sorted(self._literals))

    def __len__(self) -> int:
        return len(self._literals)

    def __contains__(self, key: object) -> bool:
        return key in self._literals

    def __repr__(self) -> str:
        return f"LiteralsResolver({sorted(self._literals)})"
