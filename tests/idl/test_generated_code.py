"""The committed generated code under idl/flyteidl is exactly what `make idl` produces."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")


def _generated(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name.endswith(GENERATED_SUFFIXES)
    }


def test_committed_code_matches_a_fresh_generation(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "idl" / "generate.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = _generated(tmp_path / "flyteidl")
    committed = _generated(REPO / "idl" / "flyteidl")
    assert fresh, "generation produced nothing"
    missing = sorted(fresh.keys() - committed.keys())
    stale = sorted(committed.keys() - fresh.keys())
    changed = sorted(k for k in fresh.keys() & committed.keys() if fresh[k] != committed[k])
    assert not (missing or stale or changed), (
        "idl/flyteidl is out of date with idl/protos; run `make idl` and commit the result.\n"
        f"missing: {missing}\nstale: {stale}\nchanged: {changed}"
    )


def test_every_proto_has_generated_modules() -> None:
    protos = sorted((REPO / "idl" / "protos").rglob("*.proto"))
    assert protos
    for proto in protos:
        stem = proto.relative_to(REPO / "idl" / "protos").with_suffix("")
        for suffix in GENERATED_SUFFIXES:
            target = REPO / "idl" / f"{stem}{suffix}"
            assert target.exists(), f"{target} is missing; run `make idl`"
