"""Flatten a FileDescriptorSet into named wire-relevant definitions, for comparing two IDLs.

Each definition is one file header, message, field, oneof, enum, enum value, service or method,
keyed by a stable name (``field flyteidl.core.Literal.hash``) and described by the facts that decide
how bytes and JSON are read and written: numbers, types, labels, type names, oneof membership,
reserved ranges, ``deprecated`` flags and ``google.api.http`` rules. Documentation-only options
(go_package aside from its value, openapiv2 annotations, comments) are not compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2 as dpb
from google.protobuf import text_format

# Imports that only carry documentation annotations; our sources leave them out on purpose.
DOC_ONLY_IMPORTS = frozenset({"protoc-gen-openapiv2/options/annotations.proto"})

Definitions = dict[str, str]


def definitions(files: dpb.FileDescriptorSet, prefix: str = "flyteidl/") -> Definitions:
    out: Definitions = {}
    for f in files.file:
        if f.name.startswith(prefix):
            out.update(_file(f))
    return out


def _fmt(**facts: object) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in facts.items())


def _file(f: dpb.FileDescriptorProto) -> Iterator[tuple[str, str]]:
    deps = sorted(d for d in f.dependency if d not in DOC_ONLY_IMPORTS)
    yield (
        f"file {f.name}",
        _fmt(package=f.package, syntax=f.syntax, deps=deps, go_package=f.options.go_package),
    )
    for enum in f.enum_type:
        yield from _enum(enum, f.package)
    for msg in f.message_type:
        yield from _message(msg, f.package)
    for svc in f.service:
        yield from _service(svc, f.package)


def _enum(e: dpb.EnumDescriptorProto, scope: str) -> Iterator[tuple[str, str]]:
    name = f"{scope}.{e.name}"
    yield (
        f"enum {name}",
        _fmt(
            values=[v.name for v in e.value],
            reserved=[(r.start, r.end) for r in e.reserved_range],
            reserved_names=list(e.reserved_name),
            allow_alias=e.options.allow_alias,
            deprecated=e.options.deprecated,
        ),
    )
    for v in e.value:
        yield f"enum-value {name}.{v.name}", _fmt(number=v.number, deprecated=v.options.deprecated)


def _message(m: dpb.DescriptorProto, scope: str) -> Iterator[tuple[str, str]]:
    name = f"{scope}.{m.name}"
    yield (
        f"message {name}",
        _fmt(
            fields=[fd.name for fd in m.field],
            nested=[n.name for n in m.nested_type],
            enums=[e.name for e in m.enum_type],
            oneofs=[o.name for o in m.oneof_decl],
            reserved=[(r.start, r.end) for r in m.reserved_range],
            reserved_names=list(m.reserved_name),
            map_entry=m.options.map_entry,
            deprecated=m.options.deprecated,
        ),
    )
    for o in m.oneof_decl:
        members = [
            fd.name for fd in m.field if fd.HasField("oneof_index") and m.oneof_decl[fd.oneof_index] == o
        ]
        yield f"oneof {name}.{o.name}", _fmt(members=members)
    for fd in m.field:
        yield (
            f"field {name}.{fd.name}",
            _fmt(
                number=fd.number,
                label=dpb.FieldDescriptorProto.Label.Name(fd.label),
                type=dpb.FieldDescriptorProto.Type.Name(fd.type),
                type_name=fd.type_name,
                oneof=m.oneof_decl[fd.oneof_index].name if fd.HasField("oneof_index") else None,
                proto3_optional=fd.proto3_optional,
                json_name=fd.json_name or default_json_name(fd.name),
                default=fd.default_value,
                deprecated=fd.options.deprecated,
                packed=fd.options.packed if fd.options.HasField("packed") else None,
            ),
        )
    for e in m.enum_type:
        yield from _enum(e, name)
    for n in m.nested_type:
        yield from _message(n, name)


def _http_rule(method: dpb.MethodDescriptorProto) -> str:
    if not method.options.HasExtension(annotations_pb2.http):
        return ""
    rule: http_pb2.HttpRule = method.options.Extensions[annotations_pb2.http]
    return text_format.MessageToString(rule, as_one_line=True)


def _service(s: dpb.ServiceDescriptorProto, scope: str) -> Iterator[tuple[str, str]]:
    name = f"{scope}.{s.name}"
    yield f"service {name}", _fmt(methods=[m.name for m in s.method], deprecated=s.options.deprecated)
    for m in s.method:
        yield (
            f"method {name}.{m.name}",
            _fmt(
                input=m.input_type,
                output=m.output_type,
                client_streaming=m.client_streaming,
                server_streaming=m.server_streaming,
                deprecated=m.options.deprecated,
                http=_http_rule(m),
            ),
        )


def default_json_name(field_name: str) -> str:
    """The JSON name protobuf derives when a descriptor does not spell one out.

    Code generated by different protoc front ends differs only in whether it records this derived
    name; what a JSON reader or writer uses is the same, so the comparison fills it in.
    """
    out: list[str] = []
    upper_next = False
    for ch in field_name:
        if ch == "_":
            upper_next = True
        elif upper_next:
            out.append(ch.upper())
            upper_next = False
        else:
            out.append(ch)
    return "".join(out)


def compare(reference: Definitions, ours: Definitions) -> tuple[int, list[str]]:
    """Return (identical count, human-readable differences) of ours against the reference."""
    problems: list[str] = []
    same = 0
    for key, facts in reference.items():
        mine = ours.get(key)
        if mine is None:
            problems.append(f"missing: {key} ({facts})")
        elif mine != facts:
            problems.append(f"differs: {key}\n    reference: {facts}\n    ours:      {mine}")
        else:
            same += 1
    problems.extend(f"extra: {key} ({ours[key]})" for key in ours.keys() - reference.keys())
    return same, problems
