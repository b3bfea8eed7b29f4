"""Operating on what runs: gate signals, ``flyte://`` data, launch plan state and backfills.

``OperationsMixin`` is part of :class:`~flytekit.remote.FlyteRemote`; it only needs the remote's
admin client, defaults and ``execute``/``register`` methods, so those stay in ``remote.py`` and the
operator-facing verbs live here:

* signals -- ``list_signals``, ``set_signal`` (alias ``set_input``), ``approve``, ``reject``: the
  values gate nodes (``wait_for_input``, ``approve``) wait for, through admin's SignalService;
* data -- ``get(flyte_uri)`` resolves a ``flyte://v1/...`` URI through DataProxy ``GetData``,
  ``download`` writes the blobs it names to a folder;
* launch plans -- ``activate_launchplan``, ``deactivate_launchplan``, ``launch_backfill``.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from flyteidl.admin import launch_plan_pb2, signal_pb2
from flyteidl.core import identifier_pb2, literals_pb2
from flytekit.errors import FlyteAssertion
from flytekit.remote import backfills
from flytekit.remote.data import download_literal
from flytekit.remote.literals import LiteralsResolver

if TYPE_CHECKING:
    from flytekit.clients.friendly import SynchronousFlyteClient
    from flytekit.remote.entities import FlyteLaunchPlan, FlyteWorkflow
    from flytekit.remote.executions import FlyteWorkflowExecution

logger = logging.getLogger(__name__)


class _Remote(Protocol):
    """What the mixin's methods use of the FlyteRemote they are part of."""

    @property
    def config(self) -> Any: ...

    @property
    def client(self) -> SynchronousFlyteClient: ...

    def project_domain(self, project: str | None, domain: str | None) -> tuple[str, str]: ...

    def fetch_launch_plan(
        self,
        project: str | None = None,
        domain: str | None = None,
        name: str | None = None,
        version: str | None = None,
    ) -> FlyteLaunchPlan: ...

    def execute(
        self,
        entity: Any,
        inputs: dict[str, Any] | None = None,
        *,
        project: str | None = None,
        domain: str | None = None,
        execution_name: str | None = None,
        overwrite_cache: bool | None = None,
    ) -> FlyteWorkflowExecution: ...

    def _execution_id(
        self, execution_name: str, project: str | None, domain: str | None
    ) -> identifier_pb2.WorkflowExecutionIdentifier: ...

    def set_signal(
        self,
        signal_id: str,
        execution_name: str,
        value: Any,
        project: str | None = None,
        domain: str | None = None,
        python_type: Any = None,
        literal_type: Any = None,
    ) -> None: ...

    def _file_access(self) -> Any: ...

    def _fetch_workflow_by_id(self, ident: identifier_pb2.Identifier) -> FlyteWorkflow: ...


class OperationsMixin:
    """Signals, data, launch plan state and backfills of a :class:`~flytekit.remote.FlyteRemote`."""

    # Methods annotate ``self`` as the FlyteRemote they are part of (client, defaults, execute).

    # ---------------------------------------------------------------- signals
    def _execution_id(
        self: _Remote, execution_name: str, project: str | None, domain: str | None
    ) -> identifier_pb2.WorkflowExecutionIdentifier:
        resolved_project, resolved_domain = self.project_domain(project, domain)
        return identifier_pb2.WorkflowExecutionIdentifier(
            project=resolved_project, domain=resolved_domain, name=execution_name
        )

    def list_signals(
        self: _Remote,
        execution_name: str,
        project: str | None = None,
        domain: str | None = None,
        limit: int = 100,
        filters: Any = None,
    ) -> list[signal_pb2.Signal]:
        """The signals of an execution: one per gate node waiting for (or given) a value."""
        execution_id = self._execution_id(execution_name, project, domain)
        signals, _ = self.client.list_signals(execution_id, limit=limit, filters=filters)
        return signals

    def set_signal(
        self: _Remote,
        signal_id: str,
        execution_name: str,
        value: Any,
        project: str | None = None,
        domain: str | None = None,
        python_type: Any = None,
        literal_type: Any = None,
    ) -> None:
        """Give the signal ``signal_id`` of an execution its value (a Python value or a ``Literal``)."""
        from flytekit.core.context_manager import FlyteContextManager
        from flytekit.core.type_engine import TypeEngine

        execution_id = self._execution_id(execution_name, project, domain)
        if isinstance(value, literals_pb2.Literal):
            literal = value
        else:
            declared = python_type if python_type is not None else type(value)
            target_type = literal_type if literal_type is not None else TypeEngine.to_literal_type(declared)
            literal = TypeEngine.to_literal(
                FlyteContextManager.current_context(), value, declared, target_type
            )
        self.client.set_signal(
            identifier_pb2.SignalIdentifier(signal_id=signal_id, execution_id=execution_id), literal
        )

    def set_input(
        self: _Remote,
        signal_id: str,
        execution_name: str,
        value: Any,
        project: str | None = None,
        domain: str | None = None,
        python_type: Any = None,
        literal_type: Any = None,
    ) -> None:
        """The value a ``wait_for_input`` gate waits for (same as :meth:`set_signal`)."""
        self.set_signal(signal_id, execution_name, value, project, domain, python_type, literal_type)

    def approve(
        self: _Remote,
        signal_id: str,
        execution_name: str,
        project: str | None = None,
        domain: str | None = None,
    ) -> None:
        """Let an ``approve`` gate pass."""
        self.set_signal(signal_id, execution_name, True, project, domain, python_type=bool)

    def reject(
        self: _Remote,
        signal_id: str,
        execution_name: str,
        project: str | None = None,
        domain: str | None = None,
    ) -> None:
        """Reject an ``approve`` gate (its node, and so the workflow, fails)."""
        self.set_signal(signal_id, execution_name, False, project, domain, python_type=bool)

    # ---------------------------------------------------------------- flyte:// data
    def get(self: _Remote, flyte_uri: str | None = None) -> LiteralsResolver | literals_pb2.Literal | bytes:
        """What a ``flyte://v1/...`` URI names: inputs/outputs (a resolver), one literal, or deck bytes."""
        if not flyte_uri:
            raise FlyteAssertion("flyte_uri cannot be empty; pass a flyte://v1/... URI from the console.")
        response = self.client.get_data(flyte_uri)
        kind = response.WhichOneof("data")
        if kind == "literal_map":
            return LiteralsResolver.from_literal_map(response.literal_map)
        if kind == "literal":
            return response.literal
        if kind == "pre_signed_urls":
            urls = list(response.pre_signed_urls.signed_url)
            if not urls:
                raise FlyteAssertion(f"{flyte_uri} resolved to no download link.")
            return bytes(self._file_access().read_bytes(urls[0]))
        raise FlyteAssertion(f"Admin returned no data for {flyte_uri}.")

    def _file_access(self: _Remote) -> Any:
        import tempfile

        from flytekit.core.data_persistence import FileAccessProvider

        data_config = getattr(self.config, "data_config", None)
        return FileAccessProvider(tempfile.mkdtemp(prefix="flyte-remote-"), "", data_config)

    def download(
        self: _Remote,
        data: LiteralsResolver | literals_pb2.Literal | literals_pb2.LiteralMap | Mapping[str, Any],
        download_to: str | Path,
        recursive: bool = True,
    ) -> list[Path]:
        """Download the files, folders and dataframes in ``data`` under ``download_to``.

        A single literal is written as ``data``; a map (or resolver) one entry per name, which
        needs ``recursive``. Returns the paths written.
        """
        target = Path(download_to)
        file_access = self._file_access()
        if isinstance(data, literals_pb2.Literal):
            return download_literal(file_access, "data", data, target)
        if not recursive:
            raise FlyteAssertion(
                "Downloading a map of values needs recursive=True (--recursive on the command line)."
            )
        literals: Mapping[str, literals_pb2.Literal] = (
            data.literals if isinstance(data, LiteralsResolver | literals_pb2.LiteralMap) else data
        )
        written: list[Path] = []
        for name, literal in sorted(literals.items()):
            written += download_literal(file_access, name, literal, target)
        return written

    # ---------------------------------------------------------------- launch plans
    def activate_launchplan(self: _Remote, ident: identifier_pb2.Identifier) -> None:
        """Make this version the active one (admin deactivates the other versions of the name)."""
        self.client.update_launch_plan(ident, launch_plan_pb2.ACTIVE)

    def deactivate_launchplan(self: _Remote, ident: identifier_pb2.Identifier) -> None:
        """Deactivate this version (its schedule stops)."""
        self.client.update_launch_plan(ident, launch_plan_pb2.INACTIVE)

    def launch_backfill(
        self: _Remote,
        project: str,
        domain: str,
        from_date: datetime,
        to_date: datetime,
        launchplan: str,
        launchplan_version: str | None = None,
        execution_name: str | None = None,
        version: str | None = None,
        dry_run: bool = False,
        execute: bool = True,
        parallel: bool = False,
        failure_policy: Any = None,
        overwrite_cache: bool | None = None,
    ) -> Any:
        """Backfill a scheduled launch plan over (``from_date``, ``to_date``).

        Returns the generated ``WorkflowSpec`` on ``dry_run``, the registered ``FlyteWorkflow``
        when not ``execute``, else the started ``FlyteWorkflowExecution``.
        """
        from flytekit.remote.registering import register_spec

        launch_plan = self.fetch_launch_plan(project, domain, launchplan, launchplan_version)
        plan = backfills.backfill_plan(launch_plan, from_date, to_date)
        fingerprint = f"{plan.start}-{plan.end}-{launchplan}-{launchplan_version}"
        version = version or base64.urlsafe_b64encode(hashlib.md5(fingerprint.encode()).digest()).decode()
        workflow_id = identifier_pb2.Identifier(
            resource_type=identifier_pb2.WORKFLOW,
            project=project,
            domain=domain,
            name=f"backfill-{launch_plan.name}",
            version=version,
        )
        fail_fast = failure_policy is None or getattr(failure_policy, "name", "") == "FAIL_IMMEDIATELY"
        spec = backfills.backfill_workflow(plan, workflow_id, parallel=parallel, fail_fast=fail_fast)
        if dry_run:
            logger.warning("Dry run: the backfill workflow is neither registered nor executed.")
            return spec
        register_spec(self.client, spec)
        register_spec(self.client, _default_launch_plan(workflow_id))
        workflow: FlyteWorkflow = self._fetch_workflow_by_id(workflow_id)
        if not execute:
            return workflow
        return self.execute(
            workflow,
            inputs={},
            project=project,
            domain=domain,
            execution_name=execution_name,
            overwrite_cache=overwrite_cache,
        )

    def _fetch_workflow_by_id(self: _Remote, ident: identifier_pb2.Identifier) -> FlyteWorkflow:
        from flytekit.remote.entities import FlyteWorkflow

        return FlyteWorkflow.from_admin(self.client.get_workflow(ident))


def _default_launch_plan(workflow_id: identifier_pb2.Identifier) -> launch_plan_pb2.LaunchPlan:
    """The default launch plan of an input-less workflow (same name and version)."""
    from flyteidl.admin import common_pb2 as admin_common
    from flyteidl.core import interface_pb2

    ident = identifier_pb2.Identifier()
    ident.CopyFrom(workflow_id)
    ident.resource_type = identifier_pb2.LAUNCH_PLAN
    spec = launch_plan_pb2.LaunchPlanSpec(
        workflow_id=workflow_id,
        entity_metadata=launch_plan_pb2.LaunchPlanMetadata(),
        default_inputs=interface_pb2.ParameterMap(),
        fixed_inputs=literals_pb2.LiteralMap(),
        labels=admin_common.Labels(),
        annotations=admin_common.Annotations(),
        raw_output_data_config=admin_common.RawOutputDataConfig(),
    )
    return launch_plan_pb2.LaunchPlan(id=ident, spec=spec)
