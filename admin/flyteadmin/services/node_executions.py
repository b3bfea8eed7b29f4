"""Reading node executions and task executions (attempts), and the data they consumed and produced.

Listing node executions returns the top-level nodes of an execution unless ``unique_parent_id``
names a parent node, whose children are returned instead. Get*Data reads the full inputs and outputs
from the blob store (empty maps when the data is not there) and names them as ``flyte://`` URLs.
"""

from __future__ import annotations

from flyteadmin.repositories import NodeExecutionRecord, TaskExecutionRecord, UnitOfWorkFactory
from flyteadmin.services.data import DataAccess, flyte_urls
from flyteadmin.services.listing import next_token, request_query, shorten_error
from flyteadmin.services.validation import check_identifier, require, require_execution_id
from flyteidl.admin import node_execution_pb2, task_execution_pb2
from flyteidl.core import identifier_pb2

__all__ = ["NodeExecutionService", "TaskExecutionService"]


def _require_node_id(identifier: identifier_pb2.NodeExecutionIdentifier) -> None:
    require_execution_id(identifier.execution_id)
    require(identifier.node_id, "node_id")


def _require_task_execution_id(identifier: identifier_pb2.TaskExecutionIdentifier) -> None:
    check_identifier(identifier.task_id, identifier_pb2.TASK, what="task_id")
    _require_node_id(identifier.node_execution_id)


def _node_message(record: NodeExecutionRecord) -> node_execution_pb2.NodeExecution:
    return node_execution_pb2.NodeExecution(
        id=record.id, input_uri=record.input_uri, closure=record.closure, metadata=record.metadata
    )


def _task_message(record: TaskExecutionRecord) -> task_execution_pb2.TaskExecution:
    return task_execution_pb2.TaskExecution(id=record.id, input_uri=record.input_uri, closure=record.closure)


def _execution_scope(identifier: identifier_pb2.WorkflowExecutionIdentifier) -> dict[str, object]:
    return {
        "execution_project": identifier.project,
        "execution_domain": identifier.domain,
        "execution_name": identifier.name,
    }


def _fill_data(
    response: node_execution_pb2.NodeExecutionGetDataResponse
    | task_execution_pb2.TaskExecutionGetDataResponse,
    data: DataAccess,
    record: NodeExecutionRecord | TaskExecutionRecord,
) -> None:
    """The full inputs and (inline or offloaded) outputs of a node or an attempt."""
    response.full_inputs.CopyFrom(data.read_literal_map(record.input_uri))
    closure = record.closure
    result = closure.WhichOneof("output_result")
    if result == "output_uri":
        response.full_outputs.CopyFrom(data.read_literal_map(closure.output_uri))
    elif result == "output_data":
        response.full_outputs.CopyFrom(closure.output_data)


class NodeExecutionService:
    def __init__(self, uow: UnitOfWorkFactory, data: DataAccess) -> None:
        self._uow = uow
        self._data = data

    def get(self, identifier: identifier_pb2.NodeExecutionIdentifier) -> node_execution_pb2.NodeExecution:
        _require_node_id(identifier)
        with self._uow() as uow:
            return _node_message(uow.node_executions.get(identifier))

    def list_node_executions(
        self, request: node_execution_pb2.NodeExecutionListRequest
    ) -> node_execution_pb2.NodeExecutionList:
        execution_id = request.workflow_execution_id
        require_execution_id(execution_id)
        scope = _execution_scope(execution_id)
        with self._uow() as uow:
            if request.unique_parent_id:
                parent = uow.node_executions.get(
                    identifier_pb2.NodeExecutionIdentifier(
                        node_id=request.unique_parent_id, execution_id=execution_id
                    )
                )
                scope["parent_id"] = parent.db_id
            else:
                scope["parent_id"] = None
                scope["parent_task_execution_id"] = None
            query = request_query(request, rpc="ListNodeExecutions", scope=scope)
            records = uow.node_executions.list_page(query)
        messages = []
        for record in records:
            message = _node_message(record)
            shorten_error(message.closure)
            messages.append(message)
        return node_execution_pb2.NodeExecutionList(
            node_executions=messages, token=next_token(query, records)
        )

    def get_data(
        self, identifier: identifier_pb2.NodeExecutionIdentifier
    ) -> node_execution_pb2.NodeExecutionGetDataResponse:
        _require_node_id(identifier)
        with self._uow() as uow:
            record = uow.node_executions.get(identifier)
        response = node_execution_pb2.NodeExecutionGetDataResponse()
        _fill_data(response, self._data, record)
        response.flyte_urls.CopyFrom(
            flyte_urls(identifier.execution_id, identifier.node_id, deck=bool(record.closure.deck_uri))
        )
        return response


class TaskExecutionService:
    def __init__(self, uow: UnitOfWorkFactory, data: DataAccess) -> None:
        self._uow = uow
        self._data = data

    def get(self, identifier: identifier_pb2.TaskExecutionIdentifier) -> task_execution_pb2.TaskExecution:
        _require_task_execution_id(identifier)
        with self._uow() as uow:
            return _task_message(uow.task_executions.get(identifier))

    def list_task_executions(
        self, request: task_execution_pb2.TaskExecutionListRequest
    ) -> task_execution_pb2.TaskExecutionList:
        node_id = request.node_execution_id
        _require_node_id(node_id)
        query = request_query(
            request,
            rpc="ListTaskExecutions",
            scope={**_execution_scope(node_id.execution_id), "node_id": node_id.node_id},
        )
        with self._uow() as uow:
            records = uow.task_executions.list_page(query)
        return task_execution_pb2.TaskExecutionList(
            task_executions=[_task_message(r) for r in records], token=next_token(query, records)
        )

    def get_data(
        self, identifier: identifier_pb2.TaskExecutionIdentifier
    ) -> task_execution_pb2.TaskExecutionGetDataResponse:
        _require_task_execution_id(identifier)
        with self._uow() as uow:
            record = uow.task_executions.get(identifier)
        response = task_execution_pb2.TaskExecutionGetDataResponse()
        _fill_data(response, self._data, record)
        node = identifier.node_execution_id
        response.flyte_urls.CopyFrom(
            flyte_urls(node.execution_id, node.node_id, attempt=identifier.retry_attempt)
        )
        return response
