"""Compile one task with our translator, typed (tests in this folder use it)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from flyteidl.admin import task_pb2
from flytekit.configuration import SerializationSettings
from flytekit.tools.translator import get_serializable


def task_spec(settings: SerializationSettings, entity: Any) -> task_pb2.TaskSpec:
    spec = get_serializable(OrderedDict(), settings, entity)
    assert isinstance(spec, task_pb2.TaskSpec)
    return spec
