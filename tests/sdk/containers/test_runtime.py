"""Decks and shell tasks under ``pyflyte-execute``, and decks of local runs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flyteidl.core import literals_pb2
from flytekit import Deck, current_context, task
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.deck import DeckField

FLOWS = Path(__file__).parent / "runtime_flows"
BIN = Path(sys.executable).parent


def _execute(task_name: str, inputs: dict[str, Any], types: dict[str, Any], tmp_path: Path) -> Path:
    ctx = FlyteContextManager.current_context()
    (tmp_path / "inputs.pb").write_bytes(
        TypeEngine.dict_to_literal_map(ctx, inputs, types).SerializeToString()
    )
    out = tmp_path / "out"
    args = [
        str(BIN / "pyflyte-execute"),
        "--inputs", str(tmp_path / "inputs.pb"),
        "--output-prefix", str(out),
        "--raw-output-data-prefix", str(tmp_path / "raw"),
        "--checkpoint-path", str(tmp_path / "ckpt"),
        "--prev-checkpoint", '""',
        "--resolver", "flytekit.core.python_auto_container.default_task_resolver",
        "--", "task-module", "containers_runtime", "task-name", task_name,
    ]  # fmt: skip
    result = subprocess.run(args, cwd=FLOWS, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return out


def test_deck_is_written_next_to_the_outputs(tmp_path: Path) -> None:
    out = _execute("decked", {"n": 2}, {"n": int}, tmp_path)
    assert sorted(os.listdir(out)) == ["deck.html", "outputs.pb"]
    page = (out / "deck.html").read_text()
    for name in ("numbers", "default", "Input", "Output", "Timeline", "Source Code", "Dependencies"):
        assert f">{name}<" in page
    assert "n is 2" in page


def test_no_deck_without_enable_deck(tmp_path: Path) -> None:
    assert sorted(os.listdir(_execute("plain", {"n": 2}, {"n": int}, tmp_path))) == ["outputs.pb"]


def test_shell_task_is_loaded_by_its_variable_name(tmp_path: Path) -> None:
    out = _execute("shout", {"word": "hey"}, {"word": str}, tmp_path)
    lm = literals_pb2.LiteralMap()
    lm.ParseFromString((out / "outputs.pb").read_bytes())
    uri = lm.literals["out"].scalar.blob.uri
    assert uri.startswith(str(tmp_path / "raw"))
    assert Path(uri).read_text() == "hey!\n"


def test_local_deck_file_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    @task(enable_deck=True, deck_fields=(DeckField.OUTPUT,))
    def local(n: int) -> int:
        Deck("extra", "<b>extra</b>")
        assert current_context().enable_deck
        return n * 2

    with caplog.at_level(logging.INFO, logger="flytekit.deck.deck"):
        assert local(n=4) == 8
    [message] = [r.getMessage() for r in caplog.records if "deck html" in r.getMessage()]
    path = message.split("file://", 1)[1]
    page = Path(path).read_text()
    assert (
        Path(path).name == "deck.html" and ">extra<" in page and ">Output<" in page and ">Input<" not in page
    )


def test_deck_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="only one of"):

        @task(enable_deck=True, disable_deck=False)
        def both(n: int) -> int:
            return n

    with pytest.raises(ValueError, match="not a valid deck field"):

        @task(enable_deck=True, deck_fields=("Nope",))
        def bad(n: int) -> int:
            return n

    with pytest.warns(FutureWarning):

        @task(disable_deck=False)
        def old_style(n: int) -> int:
            return n

    assert old_style.enable_deck
