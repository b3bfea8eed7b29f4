"""How FlyteWorkflow documents refer to tasks and workflows.

Task map keys, ``node.task`` and sub-workflow keys are the protobuf text rendering of the
``core.Identifier`` (flyte-propeller.md §1.3); readers must treat them as opaque strings and look
up exactly what the node stores. ``spec.id`` is ``project:domain:name``.
"""

from __future__ import annotations

from google.protobuf import text_format

from flyteidl.core import identifier_pb2


def identifier_key(identifier: identifier_pb2.Identifier) -> str:
    """The map key of a task or sub-workflow: its Identifier in one-line protobuf text format."""
    return text_format.MessageToString(identifier, as_one_line=True)


def workflow_spec_id(identifier: identifier_pb2.Identifier) -> str:
    """``WorkflowSpec.id``: ``project:domain:name`` of the workflow template."""
    return f"{identifier.project}:{identifier.domain}:{identifier.name}"
