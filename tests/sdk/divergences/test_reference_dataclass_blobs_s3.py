"""Dataclasses with FlyteFile/FlyteDirectory/StructuredDataset fields through ``pyflyte-execute`` on S3.

One task writes a ``Bundle`` (its files uploaded under the raw output prefix on the moto S3
server), the next reads it; each side is run by our entry point and flytekit 1.16.31's, crossed
both ways, and the dataclass literal names the files by their S3 URIs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import msgpack  # type: ignore[import-untyped]
import pytest

from flyteidl.core import literals_pb2
from tests.reference.venvs import REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS, ensure_venv
from tests.services.s3 import S3Bucket, S3Server

pytestmark = pytest.mark.integration

CORPUS = Path(__file__).parents[1] / "corpus"
MODULE = "corpus_flows.divergences_dataclass_blobs"
OURS = Path(sys.executable).parent


def _int_inputs(n: int) -> bytes:
    literal = literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=n)))
    return literals_pb2.LiteralMap(literals={"n": literal}).SerializeToString()


def _execute(bin_dir: Path, task: str, inputs: str, prefix: str, s3: S3Server, home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLYTE", "PYTHONPATH", "AWS_"))}
    env.update(
        HOME=str(home),
        FLYTE_AWS_ENDPOINT=s3.endpoint_url,
        FLYTE_AWS_ACCESS_KEY_ID=s3.access_key_id,
        FLYTE_AWS_SECRET_ACCESS_KEY=s3.secret_access_key,
    )
    args = [
        str(bin_dir / "pyflyte-execute"),
        "--inputs", inputs,
        "--output-prefix", prefix,
        "--raw-output-data-prefix", prefix + "/raw",
        "--resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "--", "task-module", MODULE, "task-name", task,
    ]  # fmt: skip
    result = subprocess.run(args, cwd=CORPUS, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"{bin_dir} {task}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def _outputs(bucket: S3Bucket, key: str) -> literals_pb2.LiteralMap:
    body = bucket.client.get_object(Bucket=bucket.name, Key=key)["Body"].read()
    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString(body)
    return outputs


@pytest.mark.parametrize("writer,reader", [("ours", "reference"), ("reference", "ours")])
def test_dataclass_blob_fields_cross_pyflyte_execute_on_s3(
    writer: str, reader: str, tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket
) -> None:
    bins = {
        "ours": OURS,
        "reference": ensure_venv(REFERENCE_FULL_NAME, REFERENCE_FULL_REQUIREMENTS).python.parent,
    }
    root = f"s3://{s3_bucket.name}"
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key="make/inputs.pb", Body=_int_inputs(2))
    _execute(
        bins[writer], "make_bundle", f"{root}/make/inputs.pb", f"{root}/make/0", s3_server, tmp_path / "w"
    )

    bundle = _outputs(s3_bucket, "make/0/outputs.pb").literals["o0"]
    assert bundle.scalar.binary.tag == "msgpack"
    fields = msgpack.loads(bundle.scalar.binary.value)
    assert fields["report"]["path"].startswith(f"{root}/make/0/raw/")
    assert fields["folder"]["path"].startswith(f"{root}/make/0/raw/")
    assert fields["table"]["uri"].startswith(f"{root}/make/0/raw/")
    assert fields["extras"][0]["path"].startswith(f"{root}/make/0/raw/") and fields["maybe"] is None

    inputs = literals_pb2.LiteralMap(literals={"b": bundle}).SerializeToString()
    s3_bucket.client.put_object(Bucket=s3_bucket.name, Key="describe/inputs.pb", Body=inputs)
    _execute(
        bins[reader],
        "describe",
        f"{root}/describe/inputs.pb",
        f"{root}/describe/0",
        s3_server,
        tmp_path / "r",
    )
    text = _outputs(s3_bucket, "describe/0/outputs.pb").literals["o0"].scalar.primitive.string_value
    assert text == "bundle-2|report 2|['a.txt', 'b.txt']|[2, 3]|1|None"
