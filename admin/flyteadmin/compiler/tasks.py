"""The registration compiler for tasks: checks a ``TaskTemplate`` and wraps it as a ``CompiledTask``.

Checks what an engine would otherwise trip over at run time: a container task must name an image and,
when it has inputs or outputs, a command or args that read and write them; resource quantities must
be Kubernetes quantities, each resource listed once, requests not above limits, and a GPU request
equal to its limit; a pod task needs a pod spec whose container names are DNS-1123 labels.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flyteadmin.compiler.issues import IssueCollector
from flyteidl.core import compiler_pb2, tasks_pb2

__all__ = ["compile_task", "parse_quantity"]

_QUANTITY = re.compile(
    r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$"
)
_SUFFIX = {
    None: Decimal(1),
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "k": Decimal("1e3"),
    "M": Decimal("1e6"),
    "G": Decimal("1e9"),
    "T": Decimal("1e12"),
    "P": Decimal("1e15"),
    "E": Decimal("1e18"),
    "Ki": Decimal(2**10),
    "Mi": Decimal(2**20),
    "Gi": Decimal(2**30),
    "Ti": Decimal(2**40),
    "Pi": Decimal(2**50),
    "Ei": Decimal(2**60),
}
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def parse_quantity(text: str) -> Decimal | None:
    """The value of a Kubernetes quantity (``500m`` -> 0.5, ``1Gi`` -> 1073741824), None if malformed."""
    match = _QUANTITY.match(text.strip())
    if match is None:
        return None
    try:
        return Decimal(match.group(1)) * _SUFFIX[match.group(2)]
    except InvalidOperation:
        return None


def _check_resources(resources: tasks_pb2.Resources, issues: IssueCollector, where: str) -> None:
    parsed: dict[str, dict[int, Decimal]] = {}
    for kind, entries in (("requests", resources.requests), ("limits", resources.limits)):
        values = parsed.setdefault(kind, {})
        for entry in entries:
            name = tasks_pb2.Resources.ResourceName.Name(entry.name).lower()
            if entry.name in values:
                issues.add("InvalidValue", where, f"Resource {name} is listed more than once in {kind}.")
                continue
            value = parse_quantity(entry.value)
            if value is None:
                issues.add(
                    "InvalidValue",
                    where,
                    f"Resource {kind[:-1]} {name}={entry.value!r} is not a quantity such as '500m', '2' or '1Gi'.",
                )
                continue
            if entry.name == tasks_pb2.Resources.GPU and value != value.to_integral_value():
                issues.add("InvalidValue", where, f"GPU {kind[:-1]} {entry.value!r} must be a whole number.")
            values[entry.name] = value
    for resource, request in parsed["requests"].items():
        limit = parsed["limits"].get(resource)
        label = tasks_pb2.Resources.ResourceName.Name(resource).lower()
        if limit is not None and request > limit:
            issues.add(
                "InvalidValue", where, f"Resource {label} request {request} is above its limit {limit}."
            )
        if resource == tasks_pb2.Resources.GPU and limit is not None and request != limit:
            issues.add("InvalidValue", where, "A GPU request must equal the GPU limit.")


def compile_task(template: tasks_pb2.TaskTemplate) -> compiler_pb2.CompiledTask:
    """Check ``template`` and return it compiled; raises ``CompilationFailed`` listing the problems."""
    issues = IssueCollector()
    where = template.id.name or "task"
    has_io = bool(template.interface.inputs.variables) or bool(template.interface.outputs.variables)
    target = template.WhichOneof("target")
    if target == "container":
        container = template.container
        if not container.image:
            issues.add("ValueRequired", where, "The container has no image; set the task's container image.")
        if has_io and not container.command and not container.args:
            issues.add(
                "ValueRequired",
                where,
                "The container has neither command nor args, so it cannot read its inputs or write outputs.",
            )
        _check_resources(container.resources, issues, where)
    elif target == "k8s_pod":
        pod = template.k8s_pod
        if not pod.HasField("pod_spec"):
            issues.add("ValueRequired", where, "The pod task has no pod_spec.")
        else:
            containers = pod.pod_spec.fields.get("containers")
            for entry in containers.list_value.values if containers is not None else []:
                name = entry.struct_value.fields.get("name")
                if name is not None and not _DNS_LABEL.match(name.string_value):
                    issues.add(
                        "InvalidValue",
                        where,
                        f"Container name {name.string_value!r} is not a DNS-1123 label (lower-case letters, "
                        "digits and '-').",
                    )
    issues.raise_if_any()
    return compiler_pb2.CompiledTask(template=template)
