"""Fixtures of the propeller tests: a real SQLite workflow store, a local blob store, a local
cluster running real subprocesses, and an in-memory event sink (the outer seam to admin)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from flyteidl.core import compiler_pb2, identifier_pb2, literals_pb2, tasks_pb2
from flytepropeller.cluster import LocalCluster
from flytepropeller.events import MemoryEventSink
from flytepropeller.local import LocalPropeller
from flytepropeller.settings import PropellerSettings
from flytestdlib.flyteworkflow import (
    FlyteWorkflow,
    SqlWorkflowStore,
    build_flyteworkflow,
    flyteworkflows_metadata,
)
from flytestdlib.storage import LocalBlobStore
from tests.services.waiting import wait_for
from tests.stdlib.flyteworkflow.closures import chain_closure, int_literal, task_template

SCRIPT = Path(__file__).with_name("task_script.py")
PROJECT = "flytesnacks"
DOMAIN = "development"
NAMESPACE = f"{PROJECT}-{DOMAIN}"
LOGS_TEMPLATE = "http://localhost:8088/api/v1/logs/{{ .namespace }}/{{ .podName }}"


def script_task(name: str, mode: str, *extra: str, retries: int = 0) -> tasks_pb2.TaskTemplate:
    """A python-task whose container runs ``task_script.py <mode>`` with the templated Flyte paths."""
    command = [
        sys.executable,
        str(SCRIPT),
        mode,
        "--inputs",
        "{{.input}}",
        "--output-prefix",
        "{{ .OutputPrefix }}",
        "--raw-output-prefix",
        "{{$rawOutputDataPrefix}}",
        "--checkpoint-prefix",
        "{{.checkpointOutputPrefix}}",
        "--prev-checkpoint",
        "{{.prevCheckpointPrefix}}",
        *extra,
    ]
    return task_template(PROJECT, DOMAIN, name, command, retries=retries)


@dataclass
class Platform:
    """Everything a propeller test needs, wired on ``tmp_path``."""

    root: Path
    store: SqlWorkflowStore
    blobs: LocalBlobStore
    cluster: LocalCluster
    events: MemoryEventSink
    settings: PropellerSettings

    def propeller(self, **overrides: Any) -> LocalPropeller:
        settings = self.settings.model_copy(update=overrides) if overrides else self.settings
        return LocalPropeller(self.store, self.blobs, self.cluster, self.events, settings)

    def launch(
        self, name: str, tasks: list[tasks_pb2.TaskTemplate], x: int = 1, **options: Any
    ) -> dict[str, Any]:
        """Create execution ``name`` of the chain workflow over ``tasks`` with input ``x``."""
        return self.launch_closure(name, chain_closure(tasks, project=PROJECT, domain=DOMAIN), x, **options)

    def launch_closure(
        self, name: str, closure: compiler_pb2.CompiledWorkflowClosure, x: int = 1, **options: Any
    ) -> dict[str, Any]:
        """Create execution ``name`` of ``closure`` with input ``x``, launched by the workflow's namesake
        launch plan; ``options`` go to ``build_flyteworkflow``."""
        document = build_flyteworkflow(
            closure,
            execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project=PROJECT, domain=DOMAIN, name=name
            ),
            inputs=literals_pb2.LiteralMap(literals={"x": int_literal(x)}),
            launch_plan_id=identifier_pb2.Identifier(
                resource_type=identifier_pb2.LAUNCH_PLAN,
                project=PROJECT,
                domain=DOMAIN,
                name=closure.primary.template.id.name,
                version="v1",
            ),
            namespace=NAMESPACE,
            raw_output_prefix=self.blobs.join("raw"),
            **options,
        )
        return self.store.create(document)

    def workflow(self, name: str) -> FlyteWorkflow:
        return FlyteWorkflow(self.store.get(NAMESPACE, name))

    def run_to_completion(self, propeller: LocalPropeller, name: str, timeout: float = 20.0) -> FlyteWorkflow:
        def finished() -> FlyteWorkflow | None:
            propeller.run_once()
            wf = self.workflow(name)
            return wf if wf.is_terminal else None

        result = wait_for(
            finished,
            timeout=timeout,
            interval=0.02,
            message=lambda: f"workflow {name} to finish: {self.workflow(name).document['status']}",
        )
        assert result is not None
        return result

    def wf_dir(self, name: str) -> str:
        return self.blobs.join("metadata", "propeller", f"{PROJECT}-{DOMAIN}-{name}")


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'flyte.db'}")
    flyteworkflows_metadata.create_all(engine)
    yield Platform(
        root=tmp_path,
        store=SqlWorkflowStore(engine),
        blobs=LocalBlobStore(tmp_path / "blobs"),
        cluster=LocalCluster(tmp_path / "cluster", logs_url_template=LOGS_TEMPLATE),
        events=MemoryEventSink(),
        settings=PropellerSettings(workers=2),
    )
    engine.dispose()
