"""flytectl's execution spec file (``--execFile``): written by ``get launchplan|task --execFile``,
read by ``create execution --execFile``.

The YAML names what to run (``workflow`` = a launch plan name, or ``task``, with ``version``), where
(``targetProject``/``targetDomain``, empty meaning ``-p``/``-d``), as whom (``kubeServiceAcct``,
``iamRoleARN``), the ``inputs`` (defaults of the launch plan, or zero values to edit) and ``envs``.
Values are plain YAML: numbers, strings, booleans, ISO dates, durations as seconds or text
(``1h``), lists and maps, files as URIs, dataclasses as maps.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml

from flyteidl.core import literals_pb2, types_pb2


def _zero_value(literal_type: types_pb2.LiteralType) -> Any:
    kind = literal_type.WhichOneof("type")
    if kind == "simple":
        return {
            types_pb2.INTEGER: 0,
            types_pb2.FLOAT: 0.0,
            types_pb2.STRING: "",
            types_pb2.BOOLEAN: False,
            types_pb2.DATETIME: datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC).isoformat(),
            types_pb2.DURATION: 0,
            types_pb2.STRUCT: {},
        }.get(literal_type.simple)
    if kind == "collection_type":
        return [_zero_value(literal_type.collection_type)]
    if kind == "map_value_type":
        return {"": _zero_value(literal_type.map_value_type)}
    if kind == "enum_type":
        return literal_type.enum_type.values[0] if literal_type.enum_type.values else ""
    if kind in ("blob", "structured_dataset_type", "schema"):
        return ""
    if kind == "union_type" and literal_type.union_type.variants:
        return _zero_value(literal_type.union_type.variants[0])
    return None


def literal_to_yaml(literal: literals_pb2.Literal) -> Any:
    """A literal as a plain YAML value (the inverse of what ``create execution`` reads)."""
    from flytekit.remote.data import literal_text

    value = literal_text(literal)
    return _plain(value)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=value.tzinfo or datetime.UTC).isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def exec_file_text(entity: Any) -> str:
    """The execution spec YAML for a fetched ``FlyteLaunchPlan`` or ``FlyteTask``."""
    from flytekit.remote import FlyteLaunchPlan

    inputs: dict[str, Any] = {}
    if isinstance(entity, FlyteLaunchPlan):
        for name, parameter in sorted(entity.default_inputs.parameters.items()):
            if parameter.HasField("default"):
                inputs[name] = literal_to_yaml(parameter.default)
            else:
                inputs[name] = _zero_value(parameter.var.type)
    else:
        for name, variable in sorted(entity.interface.inputs.variables.items()):
            inputs[name] = _zero_value(variable.type)
    document: dict[str, Any] = {
        "iamRoleARN": "",
        "inputs": inputs,
        "envs": {},
        "kubeServiceAcct": "",
        "targetDomain": "",
        "targetProject": "",
        "version": entity.version,
    }
    document["workflow" if isinstance(entity, FlyteLaunchPlan) else "task"] = entity.name
    return yaml.safe_dump(document, sort_keys=True)


@dataclass
class ExecutionConfig:
    """An execution spec file, parsed."""

    workflow: str = ""
    task: str = ""
    version: str = ""
    target_project: str = ""
    target_domain: str = ""
    kube_service_account: str = ""
    iam_role_arn: str = ""
    inputs: dict[str, Any] = field(default_factory=dict)
    envs: dict[str, str] = field(default_factory=dict)


_KEYS = {
    "workflow": "workflow",
    "task": "task",
    "version": "version",
    "targetProject": "target_project",
    "targetDomain": "target_domain",
    "kubeServiceAcct": "kube_service_account",
    "iamRoleARN": "iam_role_arn",
    "inputs": "inputs",
    "envs": "envs",
}


def read_exec_file(path: Path) -> ExecutionConfig:
    try:
        document = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise click.BadParameter(f"{path} is not YAML: {exc}", param_hint="'--execFile'") from exc
    if not isinstance(document, dict):
        raise click.BadParameter(f"{path} must hold a mapping.", param_hint="'--execFile'")
    unknown = sorted(set(document) - set(_KEYS))
    if unknown:
        raise click.BadParameter(
            f"{path} has unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}.",
            param_hint="'--execFile'",
        )
    values = {_KEYS[key]: value for key, value in document.items() if value is not None}
    config = ExecutionConfig(**values)
    if bool(config.workflow) == bool(config.task):
        raise click.BadParameter(
            f"{path} must name exactly one of 'workflow' (a launch plan) or 'task'.",
            param_hint="'--execFile'",
        )
    config.envs = {str(key): str(value) for key, value in config.envs.items()}
    return config
