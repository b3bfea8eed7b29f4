"""A connector module for ``pyflyte serve connector --modules``: importing it registers ``Reverse``."""

from __future__ import annotations

from typing import Any

from flyteidl.core import execution_pb2
from flytekit.extend.backend.base_connector import ConnectorRegistry, Resource, SyncConnectorBase


class ReverseConnector(SyncConnectorBase):
    """Answers at once with output ``o0``: input ``text`` reversed."""

    name = "Reverse"

    def __init__(self) -> None:
        super().__init__(task_type_name="reverse")

    def do(self, task_template: Any, output_prefix: str, inputs: Any = None, **kwargs: Any) -> Resource:
        text = inputs.literals["text"].scalar.primitive.string_value
        return Resource(phase=execution_pb2.TaskExecution.SUCCEEDED, outputs={"o0": text[::-1]})


ConnectorRegistry.register(ReverseConnector())
