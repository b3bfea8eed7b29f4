"""A stand-in for ``pyflyte-execute`` used as the container command of test tasks.

``python task_script.py <mode> --inputs {{.input}} --output-prefix {{.outputPrefix}} [...]`` reads
the inputs LiteralMap, and depending on ``mode`` writes ``outputs.pb`` with ``o0 = x + 1``, an
``error.pb`` (user or system error), exits non-zero, or waits for a release file first. Every run
appends a line to ``$RUNS_FILE`` (if set) so tests can count how many processes really ran.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from flyteidl.core import errors_pb2, execution_pb2, literals_pb2


def local_path(uri: str) -> Path:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        raise SystemExit(f"only file:// URIs are supported, got {uri}")
    return Path(unquote(parsed.path))


def write(uri: str, data: bytes) -> None:
    path = local_path(uri)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_error(prefix: str, code: str, message: str, *, user: bool, recoverable: bool) -> None:
    document = errors_pb2.ErrorDocument(
        error=errors_pb2.ContainerError(
            code=code,
            message=message,
            kind=errors_pb2.ContainerError.RECOVERABLE
            if recoverable
            else errors_pb2.ContainerError.NON_RECOVERABLE,
            origin=execution_pb2.ExecutionError.USER if user else execution_pb2.ExecutionError.SYSTEM,
        )
    )
    write(prefix.rstrip("/") + "/error.pb", document.SerializeToString())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode")
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--output-prefix", required=True)
    parser.add_argument("--raw-output-prefix", default="")
    parser.add_argument("--checkpoint-prefix", default="")
    parser.add_argument("--prev-checkpoint", default="")
    parser.add_argument("--fail-attempts", type=int, default=0)
    parser.add_argument("--task-template", default="")
    arguments = parser.parse_args()

    runs_file = os.environ.get("RUNS_FILE")
    if runs_file:
        with open(runs_file, "a") as runs:
            runs.write(json.dumps({"pid": os.getpid(), "argv": sys.argv[1:], "cwd": os.getcwd()}) + "\n")

    inputs = literals_pb2.LiteralMap.FromString(local_path(arguments.inputs).read_bytes())
    mode = arguments.mode
    if mode == "map-add":
        return map_add(inputs, arguments.output_prefix)
    if mode == "dynamic":
        futures = os.environ["FUTURES_FILE"]
        write(arguments.output_prefix.rstrip("/") + "/futures.pb", Path(futures).read_bytes())
        return 0
    x = inputs.literals["x"].scalar.primitive.integer
    attempt = int(os.environ.get("FLYTE_ATTEMPT_NUMBER", "0"))

    if mode == "user-error":
        write_error(
            arguments.output_prefix, "ValueError", "x must be positive, got 0", user=True, recoverable=False
        )
        return 0
    if mode == "system-error" and attempt < arguments.fail_attempts:
        write_error(
            arguments.output_prefix,
            "SystemFailure",
            f"flaky system on attempt {attempt}",
            user=False,
            recoverable=True,
        )
        return 0
    if mode == "crash":
        print("about to crash", flush=True)
        return 3
    if mode == "wait":
        release = Path(os.environ["RELEASE_FILE"])
        while not release.exists():
            time.sleep(0.02)
    if mode == "env":
        record: dict[str, object] = {
            key: value for key, value in os.environ.items() if key.startswith(("FLYTE_", "EXTRA_"))
        }
        record["argv"] = sys.argv[1:]
        write(arguments.output_prefix.rstrip("/") + "/env.json", json.dumps(record).encode())

    outputs = literals_pb2.LiteralMap(
        literals={
            "o0": literals_pb2.Literal(
                scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=x + 1))
            )
        }
    )
    write(arguments.output_prefix.rstrip("/") + "/outputs.pb", outputs.SerializeToString())
    return 0


def map_add(inputs: literals_pb2.LiteralMap, output_prefix: str) -> int:
    """One element of a map task: ``o0 = x[i] + 1`` (i from the array index variables); negatives fail."""
    index = int(os.environ[os.environ["BATCH_JOB_ARRAY_INDEX_VAR_NAME"]])
    release = os.environ.get("RELEASE_FILE")
    while release and not Path(release).exists():
        time.sleep(0.02)
    x = inputs.literals["x"].collection.literals[index].scalar.primitive.integer
    if x < 0:
        write_error(output_prefix, "ValueError", f"negative element {x}", user=True, recoverable=False)
        return 0
    outputs = literals_pb2.LiteralMap(
        literals={
            "o0": literals_pb2.Literal(
                scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=x + 1))
            )
        }
    )
    write(output_prefix.rstrip("/") + "/outputs.pb", outputs.SerializeToString())
    return 0


if __name__ == "__main__":
    sys.exit(main())
