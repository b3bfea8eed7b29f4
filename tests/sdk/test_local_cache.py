"""The local task cache: key semantics, on/off/overwrite settings, its configurable folder, and
``pyflyte local-cache clear``."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from click.testing import CliRunner

from flyteidl.core import literals_pb2
from flytekit import Cache, task, workflow
from flytekit.clis.pyflyte import main
from flytekit.configuration import LocalConfig
from flytekit.core.local_cache import CacheStore, cache_key

CALLS: list[int] = []


@task(cache=True, cache_version="1", cache_ignore_input_vars=("note",))
def square(x: int, note: str) -> int:
    CALLS.append(x)
    return x * x


@task(cache=Cache(version="2"))
def plus_one(x: int) -> int:
    CALLS.append(-x)
    return x + 1


@workflow
def pipeline(x: int) -> int:
    return typing.cast(int, plus_one(x=square(x=x, note="wf")))


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    for name in ("FLYTE_LOCAL_CACHE_ENABLED", "FLYTE_LOCAL_CACHE_OVERWRITE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FLYTE_LOCAL_CACHE_DIR", str(folder))
    for name in ("FLYTECTL_CONFIG", "_FLYTECTL_CONFIG_PYFLYTE_OVERRIDE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    CALLS.clear()
    return folder


def _int(v: int) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=v)))


def test_second_call_is_a_hit_and_ignored_inputs_do_not_count(cache_dir: Path) -> None:
    assert square(x=3, note="a") == 9
    assert square(x=3, note="b") == 9
    assert square(x=4, note="a") == 16
    assert CALLS == [3, 4]
    assert (cache_dir / "cache.sqlite3").exists()
    assert len(CacheStore(str(cache_dir))) == 2


def test_workflows_use_the_cache_too() -> None:
    assert pipeline(x=5) == 26
    assert pipeline(x=5) == 26
    assert CALLS == [5, -25]


def test_disabled_and_overwrite(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLYTE_LOCAL_CACHE_ENABLED", "false")
    square(x=6, note="")
    square(x=6, note="")
    assert CALLS == [6, 6]
    monkeypatch.setenv("FLYTE_LOCAL_CACHE_ENABLED", "true")
    square(x=6, note="")
    monkeypatch.setenv("FLYTE_LOCAL_CACHE_OVERWRITE", "true")
    square(x=6, note="")
    monkeypatch.delenv("FLYTE_LOCAL_CACHE_OVERWRITE")
    square(x=6, note="")
    assert CALLS == [6, 6, 6, 6]


def test_config_file_sets_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLYTE_LOCAL_CACHE_DIR")
    config = tmp_path / "cfg.ini"
    config.write_text(f"[local]\ncache_dir = {tmp_path / 'ini-cache'}\ncache_enabled = true\n")
    assert LocalConfig.auto(str(config)).cache_dir == str(tmp_path / "ini-cache")
    assert CacheStore(LocalConfig.auto().cache_dir).directory == str(
        tmp_path / "home" / ".flyte" / "local-cache"
    )


def test_key_drops_ignored_inputs_and_uses_literal_hashes() -> None:
    base = literals_pb2.LiteralMap(literals={"x": _int(1), "y": _int(2)})
    assert cache_key("t", "1", base, ("y",)) == cache_key(
        "t", "1", literals_pb2.LiteralMap(literals={"x": _int(1)})
    )
    assert cache_key("t", "1", base) != cache_key("t", "2", base)
    assert cache_key("t", "1", base).startswith("t-1-")
    hashed_a = literals_pb2.Literal(hash="abc", scalar=_int(1).scalar)
    hashed_b = literals_pb2.Literal(hash="abc", scalar=_int(99).scalar)

    def nested(lit: literals_pb2.Literal) -> literals_pb2.LiteralMap:
        collection = literals_pb2.LiteralCollection(literals=[lit])
        return literals_pb2.LiteralMap(literals={"xs": literals_pb2.Literal(collection=collection)})

    assert cache_key("t", "1", nested(hashed_a)) == cache_key("t", "1", nested(hashed_b))
    assert cache_key("t", "1", nested(_int(1))) != cache_key("t", "1", nested(_int(99)))


def test_pyflyte_local_cache_clear(cache_dir: Path) -> None:
    square(x=7, note="")
    result = CliRunner().invoke(main, ["local-cache", "clear"], catch_exceptions=False)
    assert result.exit_code == 0 and "1 entries" in result.output
    assert len(CacheStore(str(cache_dir))) == 0
    square(x=7, note="")
    assert CALLS == [7, 7]


def test_flytekit_class_level_interface(cache_dir: Path) -> None:
    from flytekit.core.local_cache import LocalTaskCache

    inputs = literals_pb2.LiteralMap(literals={"x": _int(1)})
    outputs = literals_pb2.LiteralMap(literals={"o0": _int(2)})
    assert LocalTaskCache.get("t", "1", inputs, ()) is None
    LocalTaskCache.set("t", "1", inputs, (), outputs)
    assert LocalTaskCache.get("t", "1", inputs, ()) == outputs
    LocalTaskCache.clear()
    assert LocalTaskCache.get("t", "1", inputs, ()) is None
