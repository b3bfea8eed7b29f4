"""The transformer registry: flytekit's lookup order, registration rules, the pickle fallback,
third-party (sync and async) transformers, lazily registered library transformers and plugins
declared through the ``flytekit.plugins`` entry point group."""

from __future__ import annotations

import enum
import logging
import subprocess
import sys
import textwrap
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flyteidl.core import literals_pb2, types_pb2
from flytekit.core.context_manager import FlyteContext, FlyteContextManager
from flytekit.core.type_engine import (
    AsyncTypeTransformer,
    RestrictedTypeError,
    TransformerRegistry,
    TypeEngine,
    TypeTransformer,
    TypeTransformerFailedError,
)
from flytekit.types.pickle import FlytePickle, FlytePickleTransformer


@pytest.fixture
def ctx() -> FlyteContext:
    return FlyteContextManager.current_context()


class Shade(str, enum.Enum):  # noqa: UP042 - the mixed-in form users write
    DARK = "dark"


@dataclass
class Pair:
    a: int


class Meters(float):
    pass


class Version:
    def __init__(self, text: str) -> None:
        self.text = text


class VersionTransformer(TypeTransformer[Version]):
    def __init__(self, name: str = "version") -> None:
        super().__init__(name, Version)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.STRING)

    def to_literal(
        self, ctx: FlyteContext, python_val: Version, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        return literals_pb2.Literal(
            scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(string_value=python_val.text))
        )

    def to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> Version:
        return Version(lv.scalar.primitive.string_value)


class OtherVersionTransformer(VersionTransformer.__base__):  # type: ignore[misc, name-defined]
    def __init__(self) -> None:
        super().__init__("other", Version)


def test_lookup_order() -> None:
    get = TypeEngine.get_transformer
    assert get(Shade).name == "DefaultEnumTransformer", "a str enum is an enum, not a str"
    assert get(typing.Literal["a"]).name == "LiteralTypeTransformer"
    assert get(typing.Annotated[int, "x"]).name == "int"
    assert get(list[int]).name == get(typing.List[int]).name == "Typed List"  # noqa: UP006
    assert get(int | None).name == get(typing.Optional[int]).name == "Typed Union"  # noqa: UP045
    assert get(Meters).name == "float", "found through the MRO"
    assert get(Pair).name == "Object-Dataclass-Transformer"
    assert get(typing.Iterator[int]).name == "Typed Iterator"
    assert isinstance(get(complex), FlytePickleTransformer)
    assert isinstance(get(FlytePickle[Pair]), FlytePickleTransformer)  # type: ignore[misc]
    inline = VersionTransformer("inline")
    assert get(typing.Annotated[Version, inline]) is inline, "a transformer used as annotation wins"


def test_dataclass_transformer_comes_after_registered_types() -> None:
    registry = TransformerRegistry()
    registry.register(VersionTransformer())
    registry.register_predicate(lambda t: isinstance(t, type), VersionTransformer("fallback"))

    @dataclass
    class Sub(Version):
        pass

    found = registry.find(Sub)
    assert found is not None and found.name == "version"


def test_registering_twice_is_refused_unless_same_kind() -> None:
    registry = TransformerRegistry()
    registry.register(VersionTransformer())
    registry.register(VersionTransformer())  # the module was imported again: replaced
    with pytest.raises(ValueError, match="already registered"):
        registry.register(OtherVersionTransformer())
    registry.register_additional_type(OtherVersionTransformer(), Version)
    assert registry.find(Version).name == "version"  # type: ignore[union-attr]
    registry.register_additional_type(OtherVersionTransformer(), Version, override=True)
    assert registry.find(Version).name == "other"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("t", "error"),
    [
        (tuple, RestrictedTypeError),
        (tuple[int, str], RestrictedTypeError),
        (typing.Tuple[int], RestrictedTypeError),  # noqa: UP006
        (typing.NamedTuple("P", [("x", int)]), RestrictedTypeError),
        (list, ValueError),
        (list[tuple[int, int]], ValueError),
    ],
)
def test_restricted_types(t: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        TypeEngine.to_literal_type(t)


def test_pickle_fallback_round_trip_and_warns_once(
    ctx: FlyteContext, caplog: pytest.LogCaptureFixture
) -> None:
    class Local:
        def __init__(self, n: int) -> None:
            self.n = n

    with caplog.at_level(logging.WARNING, logger="flytekit.core.type_engine"):
        lt = TypeEngine.to_literal_type(Local)
        literal = TypeEngine.to_literal(ctx, Local(4), Local, lt)
        back = TypeEngine.to_python_value(ctx, literal, Local)
    assert lt.blob.format == "PythonPickle" and lt.metadata["python_class_name"] == str(Local)
    assert literal.scalar.blob.uri.startswith(ctx.file_access.raw_output_prefix.rstrip("/"))
    assert back.n == 4
    assert sum("Unsupported Type" in r.getMessage() for r in caplog.records) == 1
    assert TypeEngine.guess_python_type(lt) is FlytePickle
    with pytest.raises(TypeTransformerFailedError, match="cannot be None"):
        TypeEngine.to_literal(ctx, None, Local, lt)


class Tagged:
    def __init__(self, tag: str) -> None:
        self.tag = tag


class AsyncTaggedTransformer(AsyncTypeTransformer[Tagged]):
    def __init__(self) -> None:
        super().__init__("tagged", Tagged)

    def get_literal_type(self, t: Any) -> types_pb2.LiteralType:
        return types_pb2.LiteralType(simple=types_pb2.STRING)

    async def async_to_literal(
        self, ctx: FlyteContext, python_val: Tagged, python_type: Any, expected: types_pb2.LiteralType
    ) -> literals_pb2.Literal:
        primitive = literals_pb2.Primitive(string_value=python_val.tag)
        return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=primitive))

    async def async_to_python_value(
        self, ctx: FlyteContext, lv: literals_pb2.Literal, expected_python_type: Any
    ) -> Tagged:
        return Tagged(lv.scalar.primitive.string_value)


def test_async_transformers_work_from_sync_and_async_code(ctx: FlyteContext) -> None:
    import asyncio

    TypeEngine.register(AsyncTaggedTransformer())
    literal = TypeEngine.to_literal(ctx, Tagged("x"), Tagged, TypeEngine.to_literal_type(Tagged))
    assert TypeEngine.to_python_value(ctx, literal, Tagged).tag == "x"

    async def sync_call_inside_a_loop() -> str:
        # sync code reached from a coroutine: the async transformer still runs to completion
        lv = TypeEngine.to_literal(ctx, Tagged("y"), Tagged, TypeEngine.to_literal_type(Tagged))
        awaited = await TypeEngine.async_to_literal(ctx, Tagged("z"), Tagged)
        return lv.scalar.primitive.string_value + awaited.scalar.primitive.string_value

    assert asyncio.run(sync_call_inside_a_loop()) == "yz"

    async def items() -> list[str]:
        lv = TypeEngine.to_literal(ctx, [Tagged("a"), Tagged("b")], list[Tagged])
        return [v.tag for v in await TypeEngine.async_to_python_value(ctx, lv, list[Tagged])]

    assert asyncio.run(items()) == ["a", "b"]


def _run(code: str, extra_path: Path | None = None) -> str:
    env_path = [str(extra_path)] if extra_path else []
    probe = f"import sys; sys.path[:0] = {env_path!r}\n" + textwrap.dedent(code)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pydantic_transformer_registers_only_once_pydantic_is_used() -> None:
    out = _run(
        """
        import sys, flytekit
        from flytekit.core.type_engine import TypeEngine
        TypeEngine.to_literal_type(int)
        before = "flytekit.extras.pydantic_transformer" in sys.modules or "pydantic" in sys.modules
        import pydantic
        class M(pydantic.BaseModel):
            x: int
        print(before, TypeEngine.get_transformer(M).name)
        """
    )
    assert out == "False Pydantic Transformer"


def test_entry_point_plugins_load_at_first_lookup_not_at_import(tmp_path: Path) -> None:
    plugin = tmp_path / "myplugin"
    plugin.mkdir()
    (plugin / "__init__.py").write_text(
        textwrap.dedent(
            """
            from flyteidl.core import types_pb2
            from flytekit.extend import TypeEngine, TypeTransformer

            class Ticket:
                pass

            class TicketTransformer(TypeTransformer[Ticket]):
                def __init__(self):
                    super().__init__("ticket", Ticket)

                def get_literal_type(self, t):
                    return types_pb2.LiteralType(simple=types_pb2.INTEGER)

            TypeEngine.register(TicketTransformer())
            """
        )
    )
    dist = tmp_path / "myplugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: myplugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[flytekit.plugins]\nmyplugin = myplugin\n")
    out = _run(
        """
        import sys, flytekit
        loaded_at_import = "myplugin" in sys.modules
        from flytekit.core.type_engine import TypeEngine
        TypeEngine.to_literal_type(int)
        import myplugin
        print(loaded_at_import, TypeEngine.get_transformer(myplugin.Ticket).name)
        """,
        tmp_path,
    )
    assert out == "False ticket"


def test_without_plugin_distributions_importlib_metadata_is_not_loaded(tmp_path: Path) -> None:
    # No installed distribution names the group: the plugin look is a few file reads, and the
    # ~60 ms of importlib.metadata imports are not paid.
    out = _run(
        """
        import sys
        from flytekit.core.type_engine import TypeEngine
        TypeEngine.to_literal_type(int)
        print("importlib.metadata" in sys.modules)
        """,
        tmp_path,
    )
    assert out == "False"
