"""``Optional[X]``, ``Union[...]`` and ``X | None`` as ``union_type`` literal types and union literals.

Every variant's literal type carries ``structure.tag`` = the name of its transformer (``"int"``,
``"Typed List"``, ``"Object-Dataclass-Transformer"``...), replacing any structure it had, as flytekit
writes it. A value is written with every variant that accepts it; more than one taker is an
ambiguity error, none a conversion error. Reading prefers the variant whose tag the stored type
names, and also accepts a plain (non-union) literal, which older producers write.
"""

from __future__ import annotations

import logging
import types
import typing
from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import (
    NoneType,
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
    for_transformer,
)

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

logger = logging.getLogger(__name__)


def union_variants(t: Any) -> tuple[Any, ...]:
    """The member types of a Union (``None`` spelled as ``NoneType``)."""
    return tuple(NoneType if a is None else a for a in typing.get_args(t))


def tagged(literal_type: types_pb2.LiteralType, tag: str) -> types_pb2.LiteralType:
    """A copy of ``literal_type`` whose structure is only ``tag`` (flytekit drops the rest)."""
    out = types_pb2.LiteralType()
    out.CopyFrom(literal_type)
    out.structure.CopyFrom(types_pb2.TypeStructure(tag=tag))
    return out


def _ambiguous(t: Any, candidates: list[Any]) -> TypeError:
    return TypeError(
        "Ambiguous choice of variant for union type.\n"
        f"Potential types: {candidates}\n"
        "These types are structurally the same, because it's attributes have the same names and associated types."
    )


class UnionTransformer(TypeTransformer[Any]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("Typed Union", typing.Union)

    def assert_type(self, t: Any, v: Any) -> None:
        for variant in union_variants(t):
            if variant is Any:
                return
            transformer = TypeEngine.get_transformer(variant)
            if not transformer.type_assertions_enabled:
                return
            try:
                transformer.assert_type(for_transformer(transformer, variant), v)
                return
            except (TypeTransformerFailedError, TypeError, ValueError):
                continue
        raise TypeTransformerFailedError(f"Value {v} is not of type {t}")

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        try:
            variants = [
                tagged(TypeEngine.to_literal_type(variant), TypeEngine.get_transformer(variant).name)
                for variant in union_variants(t)
            ]
        except Exception as exc:
            raise ValueError(f"Type of Generic Union type is not supported, {exc}") from exc
        return types_pb2.LiteralType(union_type=types_pb2.UnionType(variants=variants))

    def to_literal(
        self, ctx: FlyteContext, python_val: Any, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        members = union_variants(python_type)
        expected_variants = list(expected.union_type.variants) if expected.HasField("union_type") else []
        found: list[tuple[Any, literals_pb2.Literal, types_pb2.LiteralType]] = []
        for i, variant in enumerate(members):
            transformer = TypeEngine.get_transformer(variant)
            t = for_transformer(transformer, variant)
            try:
                variant_lt = transformer.get_literal_type(t)
                inner_expected = expected_variants[i] if i < len(expected_variants) else variant_lt
                if transformer.type_assertions_enabled:
                    transformer.assert_type(t, python_val)
                literal = transformer.to_literal(ctx, python_val, t, inner_expected)
            except Exception as exc:
                logger.debug("Union variant %s refused %r: %s", variant, python_val, exc)
                continue
            found.append((variant, literal, tagged(variant_lt, transformer.name)))
        if len(found) > 1 and type(python_val) is str:
            # a bare str also fits an enum holding that value; the str variant is the exact match
            exact = [f for f in found if f[0] is str]
            found = exact if len(exact) == 1 else found
        if len(found) > 1:
            raise _ambiguous(python_type, [f[0] for f in found])
        if not found:
            raise TypeTransformerFailedError(f"Cannot convert from {python_val} to {python_type}")
        _, literal, stored_type = found[0]
        union = literals_pb2.Union(value=literal, type=stored_type)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(union=union))

    def to_python_value(self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any) -> Any:
        tag: str | None = None
        value = lv
        if lv.WhichOneof("value") == "scalar" and lv.scalar.WhichOneof("value") == "union":
            value = lv.scalar.union.value
            stored = lv.scalar.union.type
            if stored.HasField("structure") and stored.structure.tag:
                tag = stored.structure.tag
        results: list[tuple[Any, Any]] = []
        for variant in union_variants(expected_python_type):
            transformer = TypeEngine.get_transformer(variant)
            if tag is not None and transformer.name != tag:
                continue
            try:
                t = for_transformer(transformer, variant)
                results.append((variant, transformer.to_python_value(ctx, value, t)))
            except Exception:
                continue
        if len(results) > 1:
            raise _ambiguous(expected_python_type, [r[0] for r in results])
        if not results:
            raise TypeTransformerFailedError(
                f"Cannot convert from {lv} to {expected_python_type} (tag {tag!r})"
            )
        return results[0][1]

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") != "union_type":
            raise ValueError("not a union type")
        members = tuple(TypeEngine.guess_python_type(v) for v in literal_type.union_type.variants)
        return typing.Union[members]  # noqa: UP007 - built from a runtime tuple


def register(registry: TransformerRegistry) -> None:
    registry.register(UnionTransformer(), additional_types=[types.UnionType])
