"""DataProxyService.GetData: resolve ``flyte://`` URLs to the data they name.

Grammar: ``flyte://v1/<project>/<domain>/<execution>/<node>[/<attempt>]/<i|o|d>[/<name>]``. Without an
attempt the URL names a node execution's inputs (``i``), outputs (``o``) or deck (``d``, answered with
a signed URL); with an attempt it names that task attempt's inputs or outputs. A trailing name picks
one literal out of the map.
"""

from __future__ import annotations

import re

from flyteadmin.errors import InvalidArgument, NotFound
from flyteadmin.repositories import ListQuery, UnitOfWorkFactory
from flyteadmin.services.dataproxy import DataProxyService
from flyteadmin.services.node_executions import NodeExecutionService, TaskExecutionService
from flyteidl.core import identifier_pb2, literals_pb2
from flyteidl.service import dataproxy_pb2

__all__ = ["FlyteUrlService"]

_SEGMENT = r"[a-zA-Z0-9_-]+"
_URL = re.compile(
    rf"^flyte://v1/(?P<project>{_SEGMENT})/(?P<domain>{_SEGMENT})/(?P<execution>{_SEGMENT})/(?P<node>{_SEGMENT})"
    rf"(?:/(?P<attempt>[0-9]+))?/(?P<kind>[iod])(?:/(?P<name>{_SEGMENT}))?$"
)


class FlyteUrlService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        node_executions: NodeExecutionService,
        task_executions: TaskExecutionService,
        data_proxy: DataProxyService,
    ) -> None:
        self._uow = uow
        self._nodes = node_executions
        self._tasks = task_executions
        self._data_proxy = data_proxy

    def get_data(self, request: dataproxy_pb2.GetDataRequest) -> dataproxy_pb2.GetDataResponse:
        match = _URL.match(request.flyte_url)
        if match is None:
            raise InvalidArgument(
                f"invalid value for flyte_url: {request.flyte_url!r} is not of the form "
                "flyte://v1/<project>/<domain>/<execution>/<node>[/<attempt>]/<i|o|d>[/<name>]"
            )
        parts = match.groupdict()
        node_id = identifier_pb2.NodeExecutionIdentifier(
            node_id=parts["node"],
            execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project=parts["project"], domain=parts["domain"], name=parts["execution"]
            ),
        )
        kind = parts["kind"]
        if kind == "d":
            if parts["attempt"] is not None:
                raise InvalidArgument("invalid value for flyte_url: decks belong to nodes, not to attempts")
            link = self._data_proxy.create_download_link(
                dataproxy_pb2.CreateDownloadLinkRequest(
                    artifact_type=dataproxy_pb2.ARTIFACT_TYPE_DECK, node_execution_id=node_id
                )
            )
            return dataproxy_pb2.GetDataResponse(pre_signed_urls=link.pre_signed_urls)
        if parts["attempt"] is None:
            node_data = self._nodes.get_data(node_id)
            inputs, outputs = node_data.full_inputs, node_data.full_outputs
        else:
            task_data = self._tasks.get_data(self._attempt(node_id, int(parts["attempt"])))
            inputs, outputs = task_data.full_inputs, task_data.full_outputs
        literals = inputs if kind == "i" else outputs
        name = parts["name"]
        if name is None:
            return dataproxy_pb2.GetDataResponse(literal_map=literals)
        if name not in literals.literals:
            raise NotFound(
                f"{request.flyte_url} names no value: the data has {sorted(literals.literals) or 'none'}."
            )
        literal: literals_pb2.Literal = literals.literals[name]
        return dataproxy_pb2.GetDataResponse(literal=literal)

    def _attempt(
        self, node_id: identifier_pb2.NodeExecutionIdentifier, attempt: int
    ) -> identifier_pb2.TaskExecutionIdentifier:
        execution = node_id.execution_id
        query = ListQuery(
            scope={
                "execution_project": execution.project,
                "execution_domain": execution.domain,
                "execution_name": execution.name,
                "node_id": node_id.node_id,
                "retry_attempt": attempt,
            },
            limit=1,
        )
        with self._uow() as uow:
            found = uow.task_executions.list_page(query)
        if not found:
            raise NotFound(f"Node {node_id.node_id} of {execution.name} has no attempt {attempt}.")
        return found[0].id
