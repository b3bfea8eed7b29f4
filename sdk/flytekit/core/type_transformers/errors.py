"""``FlyteError`` <-> ``simple: ERROR`` / ``scalar.error`` (the input of failure handlers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import TransformerRegistry, TypeTransformer, TypeTransformerFailedError
from flytekit.types.error import FlyteError

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext


class ErrorTransformer(TypeTransformer[FlyteError]):
    def __init__(self) -> None:
        super().__init__("FlyteError", FlyteError)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.ERROR)

    def to_literal(
        self, ctx: FlyteContext, python_val: FlyteError, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        if type(python_val) is not FlyteError:
            raise TypeTransformerFailedError(
                f"Expected value of type {FlyteError} but got '{python_val}' of type {type(python_val)}"
            )
        error = types_pb2.Error(message=python_val.message, failed_node_id=python_val.failed_node_id)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(error=error))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> FlyteError:
        if lv.WhichOneof("value") != "scalar" or lv.scalar.WhichOneof("value") != "error":
            raise TypeTransformerFailedError(
                f"Cannot read a FlyteError from a literal that holds no error: {lv}"
            )
        return FlyteError(message=lv.scalar.error.message, failed_node_id=lv.scalar.error.failed_node_id)

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if literal_type.WhichOneof("type") == "simple" and literal_type.simple == types_pb2.ERROR:
            return FlyteError
        raise ValueError(f"Transformer {self} cannot reverse {literal_type}")


def register(registry: TransformerRegistry) -> None:
    registry.register(ErrorTransformer())
