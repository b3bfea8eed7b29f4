"""datetime, date and timedelta as ``primitive.datetime`` (Timestamp) and ``primitive.duration``.

Naive datetimes are taken as UTC; values come back timezone-aware in UTC. A date is written as
midnight UTC and read back with ``.date()``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from google.protobuf import duration_pb2, timestamp_pb2

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.type_engine import TransformerRegistry, TypeTransformer, TypeTransformerFailedError
from flytekit.core.type_transformers.primitives import primitive_kind

if TYPE_CHECKING:
    from flytekit.core.context_manager import FlyteContext

_UTC = datetime.UTC


def _simple(literal_type: types_pb2.LiteralType) -> int | None:
    return literal_type.simple if literal_type.WhichOneof("type") == "simple" else None


def _timestamp(value: datetime.datetime) -> timestamp_pb2.Timestamp:
    if value.tzinfo is None:
        value = value.replace(tzinfo=_UTC)
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value.astimezone(_UTC))
    return ts


def _read_datetime(lv: literals_pb2.Literal, wanted: str) -> datetime.datetime:
    if primitive_kind(lv) != "datetime":
        raise TypeTransformerFailedError(
            f"Cannot read a {wanted} from a literal that holds no datetime: {lv}"
        )
    return lv.scalar.primitive.datetime.ToDatetime(tzinfo=_UTC)


class DatetimeTransformer(TypeTransformer[datetime.datetime]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("datetime", datetime.datetime)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.DATETIME)

    def to_literal(
        self,
        ctx: FlyteContext,
        python_val: datetime.datetime,
        python_type: Any,
        expected: types_pb2.LiteralType,
    ) -> literals_pb2.Literal:
        self.assert_type(datetime.datetime, python_val)
        primitive = literals_pb2.Primitive(datetime=_timestamp(python_val))
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=primitive))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> datetime.datetime:
        return _read_datetime(lv, "datetime")

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if _simple(literal_type) == types_pb2.DATETIME:
            return datetime.datetime
        raise ValueError("not a datetime type")


class DateTransformer(TypeTransformer[datetime.date]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("date", datetime.date)

    def assert_type(self, t: Any, v: Any) -> None:
        if not isinstance(v, datetime.date) or isinstance(v, datetime.datetime):
            raise TypeTransformerFailedError(
                f"Expected value of type {datetime.date} but got '{v}' of type {type(v)}"
            )

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.DATETIME)

    def to_literal(
        self, ctx: FlyteContext, python_val: datetime.date, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        self.assert_type(datetime.date, python_val)
        midnight = datetime.datetime(python_val.year, python_val.month, python_val.day, tzinfo=_UTC)
        primitive = literals_pb2.Primitive(datetime=_timestamp(midnight))
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=primitive))

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> datetime.date:
        return _read_datetime(lv, "date").date()


class TimedeltaTransformer(TypeTransformer[datetime.timedelta]):
    strips_annotations = True

    def __init__(self) -> None:
        super().__init__("timedelta", datetime.timedelta)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.DURATION)

    def to_literal(
        self,
        ctx: FlyteContext,
        python_val: datetime.timedelta,
        python_type: Any,
        expected: types_pb2.LiteralType,
    ) -> literals_pb2.Literal:
        self.assert_type(datetime.timedelta, python_val)
        duration = duration_pb2.Duration()
        duration.FromTimedelta(python_val)
        return literals_pb2.Literal(
            scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(duration=duration))
        )

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> datetime.timedelta:
        if primitive_kind(lv) != "duration":
            raise TypeTransformerFailedError(
                f"Cannot read a timedelta from a literal that holds no duration: {lv}"
            )
        return lv.scalar.primitive.duration.ToTimedelta()

    def guess_python_type(self, literal_type: types_pb2.LiteralType) -> Any:
        if _simple(literal_type) == types_pb2.DURATION:
            return datetime.timedelta
        raise ValueError("not a duration type")


def register(registry: TransformerRegistry) -> None:
    registry.register(DatetimeTransformer())
    registry.register(DateTransformer())
    registry.register(TimedeltaTransformer())
