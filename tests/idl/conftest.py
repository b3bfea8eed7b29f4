"""Shared pieces of the IDL tests: the reference flyteidl venv and the conformance tally."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reference.venvs import ReferenceVenv, ensure_venv

ORACLE_REQUIREMENT = "flyteidl==1.16.8"
ORACLE_SIDE = Path(__file__).with_name("oracle_side.py")

# Filled by the conformance test, printed at the end of the run.
TALLY: dict[str, tuple[int, int]] = {}


@pytest.fixture(scope="session")
def oracle_venv() -> ReferenceVenv:
    return ensure_venv("flyteidl-1.16.8", [ORACLE_REQUIREMENT])


@pytest.fixture(scope="session")
def run_oracle(oracle_venv: ReferenceVenv):  # type: ignore[no-untyped-def]
    """Call a command of oracle_side.py inside the reference venv; returns its stdout bytes."""

    def run(command: str, stdin: bytes | None = None) -> bytes:
        result = oracle_venv.run(str(ORACLE_SIDE), command, input=stdin, capture_output=True, timeout=300)
        if result.returncode != 0:
            raise AssertionError(f"oracle_side.py {command} failed:\n{result.stderr.decode()}")
        return result.stdout

    return run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for label, (same, total) in TALLY.items():
        terminalreporter.write_line(
            f"IDL conformance ({label}): {same}/{total} definitions identical to flyteidl 1.16.8"
        )
