"""Wire conformance of our IDL with the real flyteidl 1.16.8 package.

The real package runs only inside its own venv (tests/idl/oracle_side.py); this process imports
our ``flyteidl``. Definitions are compared one by one, and messages built by the real package are
round-tripped through ours and back, byte for byte.
"""

from __future__ import annotations

import base64
import importlib
import json
import pkgutil
from collections.abc import Callable

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

import flyteidl
from tests.idl.conftest import TALLY
from tests.idl.definitions import compare, definitions

pytestmark = pytest.mark.integration

RunOracle = Callable[..., bytes]


def our_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(flyteidl.__path__, "flyteidl.") if not m.ispkg)


def our_descriptor_set() -> descriptor_pb2.FileDescriptorSet:
    files = []
    for name in our_modules():
        if name.endswith("_pb2"):
            proto = descriptor_pb2.FileDescriptorProto()
            importlib.import_module(name).DESCRIPTOR.CopyToProto(proto)
            files.append(proto)
    return descriptor_pb2.FileDescriptorSet(file=files)


@pytest.fixture(scope="module")
def oracle_set(run_oracle: RunOracle) -> descriptor_pb2.FileDescriptorSet:
    out = descriptor_pb2.FileDescriptorSet()
    out.ParseFromString(run_oracle("descriptors"))
    return out


def test_every_definition_is_identical(oracle_set: descriptor_pb2.FileDescriptorSet) -> None:
    reference = definitions(oracle_set)
    ours = definitions(our_descriptor_set())
    same, problems = compare(reference, ours)
    TALLY["all packages"] = (same, len(reference))
    assert reference, "the reference package yielded no definitions"
    assert not problems, f"{same}/{len(reference)} identical; {len(problems)} problems:\n" + "\n".join(
        problems[:60]
    )


def test_same_module_names_as_the_reference(oracle_set: descriptor_pb2.FileDescriptorSet) -> None:
    expected = {
        f.name.removesuffix(".proto").replace("/", ".") + suffix
        for f in oracle_set.file
        if f.name.startswith("flyteidl/")
        for suffix in ("_pb2", "_pb2_grpc")
    }
    assert expected - set(our_modules()) == set()


def _our_class(full_name: str) -> type[Message]:
    return message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(full_name))


def _without_unknown_fields(msg: Message) -> bytes:
    copy = type(msg)()
    copy.CopyFrom(msg)
    copy.DiscardUnknownFields()
    return copy.SerializeToString(deterministic=True)


def test_reference_bytes_round_trip_through_ours(run_oracle: RunOracle) -> None:
    samples = json.loads(run_oracle("samples"))
    assert len(samples) >= 20
    ours_out = []
    for item in samples:
        raw = base64.b64decode(item["data"])
        msg = _our_class(item["type"])()
        msg.ParseFromString(raw)
        again = msg.SerializeToString(deterministic=True)
        assert _without_unknown_fields(msg) == again, f"{item['type']}: our parser met unknown fields"
        assert again == raw, f"{item['type']}: re-serialized bytes differ from the reference's"
        ours_out.append({"type": item["type"], "data": base64.b64encode(again).decode()})

    # And back: what ours wrote, the reference reads without unknown fields and re-writes identically.
    back = json.loads(run_oracle("reparse", json.dumps(ours_out).encode()))
    for sent, got in zip(ours_out, back, strict=True):
        assert not got["unknown"], f"{sent['type']}: the reference met unknown fields in our bytes"
        assert got["data"] == sent["data"], f"{sent['type']}: the reference re-wrote our bytes differently"
