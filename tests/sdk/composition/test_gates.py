# mypy: disable-error-code="no-any-return"
"""Gate nodes: what they compile to and how they act in a local run."""

from __future__ import annotations

import io
import sys
from datetime import timedelta

import pytest

from flytekit import approve, sleep, task, wait_for_input, workflow
from flytekit.exceptions.user import FlyteDisapprovalException
from tests.sdk.composition.helpers import workflow_spec


@task
def inc(a: int) -> int:
    return a + 1


@task
def label(n: int, text: str) -> str:
    return f"{text}-{n}"


@workflow
def slept(a: int) -> int:
    x = inc(a=a)
    pause = sleep(timedelta(seconds=90))
    y = inc(a=x)
    x >> pause
    pause >> y
    return y


@workflow
def signalled(a: int) -> str:
    return label(n=inc(a=a), text=wait_for_input("title", timeout=timedelta(minutes=3), expected_type=str))


@workflow
def approved(a: int) -> int:
    return inc(a=approve(inc(a=a), "ok-to-go", timeout=timedelta(minutes=5)))


def test_sleep_compiles_to_a_timer_gate_with_the_default_timeout() -> None:
    nodes = workflow_spec(slept).template.nodes
    gate = nodes[1]
    assert (gate.id, gate.metadata.name) == ("n1", "sleep-gate")
    assert gate.gate_node.sleep.duration.ToTimedelta() == timedelta(seconds=90)
    assert gate.metadata.timeout.ToTimedelta() == timedelta(hours=1)
    assert list(gate.upstream_node_ids) == ["n0"] and sorted(nodes[2].upstream_node_ids) == ["n0", "n1"]


def test_signal_gate_outputs_o0_of_the_expected_type() -> None:
    nodes = workflow_spec(signalled).template.nodes
    gate = next(n for n in nodes if n.WhichOneof("target") == "gate_node")
    assert gate.metadata.name == "title" and gate.metadata.timeout.ToTimedelta() == timedelta(minutes=3)
    signal = gate.gate_node.signal
    assert (signal.signal_id, signal.output_variable_name) == ("title", "o0")
    assert signal.type.simple == 3  # STRING
    consumer = nodes[-1]
    text = next(b for b in consumer.inputs if b.var == "text")
    assert (text.binding.promise.node_id, text.binding.promise.var) == (gate.id, "o0")


def test_approval_gate_passes_the_guarded_output_through() -> None:
    nodes = workflow_spec(approved).template.nodes
    gate = nodes[1]
    assert gate.gate_node.approve.signal_id == "ok-to-go"
    assert [(b.var, b.binding.promise.node_id) for b in gate.inputs] == [("o0", "n0")]
    assert nodes[2].inputs[0].binding.promise.node_id == "n1"


def test_approval_of_a_workflow_input_is_refused() -> None:
    @workflow
    def bad(a: int) -> int:
        return inc(a=approve(a, "nope", timeout=timedelta(minutes=1)))

    with pytest.raises(ValueError, match="Workflow inputs cannot be passed to approval nodes"):
        bad.compile()


def test_local_sleep_only_reports_the_simulated_wait(capsys: pytest.CaptureFixture[str]) -> None:
    assert slept(a=1) == 3
    assert "Simulating Sleep for 0:01:30" in capsys.readouterr().out


def test_local_signal_reads_the_value_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("chapter\n"))
    assert signalled(a=1) == "chapter-2"


def test_local_approval_asks_and_refusal_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert approved(a=1) == 3
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    with pytest.raises(FlyteDisapprovalException, match="ok-to-go"):
        approved(a=1)
