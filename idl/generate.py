"""Regenerate the Python code of the IDL from idl/protos with grpcio-tools.

Usage: python idl/generate.py [--out DIR]

Writes `<name>_pb2.py`, `<name>_pb2.pyi` and `<name>_pb2_grpc.py` (as the flyteidl package does)
next to the hand-written package `__init__.py` files under idl/flyteidl. With --out the code goes to
another directory instead; the drift test uses that to compare a fresh generation with the
committed files.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

IDL_ROOT = Path(__file__).resolve().parent
PROTO_ROOT = IDL_ROOT / "protos"
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")


def proto_files() -> list[str]:
    return sorted(str(p.relative_to(PROTO_ROOT)) for p in PROTO_ROOT.rglob("*.proto"))


def include_paths() -> list[str]:
    """Our protos, protobuf's well-known types, and google/api/*.proto from googleapis-common-protos."""
    import google.api  # namespace package shipped by googleapis-common-protos
    import grpc_tools

    well_known = Path(grpc_tools.__file__).parent / "_proto"
    google_api_dir = Path(next(iter(google.api.__path__)))
    return [str(PROTO_ROOT), str(well_known), str(google_api_dir.parent.parent)]


def generate(out_dir: Path) -> list[Path]:
    """Run protoc into a scratch directory, then move the generated files into ``out_dir``."""
    from grpc_tools import protoc

    with tempfile.TemporaryDirectory() as scratch:
        args = ["grpc_tools.protoc"]
        args += [f"-I{p}" for p in include_paths()]
        args += [f"--python_out={scratch}", f"--pyi_out={scratch}", f"--grpc_python_out={scratch}"]
        args += proto_files()
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed; see the messages above")
        written = []
        for path in sorted(Path(scratch).rglob("*")):
            if not path.is_file() or not path.name.endswith(GENERATED_SUFFIXES):
                continue
            target = out_dir / path.relative_to(scratch)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
        return written


def remove_generated(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file() and path.name.endswith(GENERATED_SUFFIXES):
            path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IDL_ROOT, help="root that receives flyteidl/...")
    ns = parser.parse_args(argv)
    if ns.out == IDL_ROOT:
        remove_generated(IDL_ROOT / "flyteidl")
    files = generate(ns.out)
    print(f"generated {len(files)} files from {len(proto_files())} protos into {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
