"""Local pods unpack fast-registered code into their own working directory, not the image path."""

from __future__ import annotations

from pathlib import Path

from flytepropeller.cluster.local import localize_command


def test_fast_execute_dest_dir_becomes_the_pod_directory(tmp_path: Path) -> None:
    command = [
        "pyflyte-fast-execute",
        "--additional-distribution",
        "file:///b/fast1.tar.gz",
        "--dest-dir",
        "/root",
        "--",
        "pyflyte-execute",
        "--inputs",
        "x",
        "--dest-dir",
        "kept",
    ]
    out = localize_command(command, tmp_path)
    assert out[4] == str(tmp_path)
    assert out[-1] == "kept", "flags of the inner command are the task's own"
    assert command[4] == "/root", "the input list is not modified"


def test_other_commands_are_left_alone(tmp_path: Path) -> None:
    command = ["python", "-c", "print(1)", "--dest-dir", "/root"]
    assert localize_command(command, tmp_path) == command
