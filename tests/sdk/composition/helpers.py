"""Serialization helpers shared by the composition tests."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from google.protobuf.message import Message

from flyteidl.admin import workflow_pb2
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.tools.translator import get_serializable

SETTINGS = SerializationSettings(
    image_config=ImageConfig.validate_image(None, None, ["reg/img:1"]),
    project="proj",
    domain="dev",
    version="v1",
)


def serialize(entity: Any) -> tuple[Message, OrderedDict[Any, Message]]:
    mapping: OrderedDict[Any, Message] = OrderedDict()
    return get_serializable(mapping, SETTINGS, entity), mapping


def workflow_spec(entity: Any) -> workflow_pb2.WorkflowSpec:
    spec, _ = serialize(entity)
    assert isinstance(spec, workflow_pb2.WorkflowSpec)
    return spec
