"""The reference side of the wire-conformance tests; runs inside the flyteidl 1.16.8 venv.

This file is executed as a script by the venv's interpreter, never imported by the test process
(which has our own ``flyteidl`` under the same name). Commands, all speaking over stdin/stdout:

- ``descriptors``: write a serialized FileDescriptorSet of every module in the real package.
- ``samples``: print JSON ``[{"type": full message name, "data": base64}]`` of messages built with
  the real package and serialized deterministically.
- ``reparse``: read the same JSON shape on stdin (bytes written by our package), parse each with the
  real package, and print JSON ``[{"type", "data", "unknown"}]`` with the re-serialized bytes and
  whether the parser met fields it does not know.
"""

from __future__ import annotations

import base64
import importlib
import json
import pkgutil
import sys
from typing import Any


def _all_modules() -> list[Any]:
    import flyteidl

    return [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(flyteidl.__path__, "flyteidl.")
        if m.name.endswith("_pb2")
    ]


def descriptors() -> None:
    from google.protobuf import descriptor_pb2

    seen: dict[str, descriptor_pb2.FileDescriptorProto] = {}

    def add(fd: Any) -> None:
        if fd.name in seen:
            return
        for dep in fd.dependencies:
            add(dep)
        proto = descriptor_pb2.FileDescriptorProto()
        fd.CopyToProto(proto)
        seen[fd.name] = proto

    for module in _all_modules():
        add(module.DESCRIPTOR)
    out = descriptor_pb2.FileDescriptorSet(file=list(seen.values()))
    sys.stdout.buffer.write(out.SerializeToString(deterministic=True))


def _samples() -> list[Any]:
    from google.protobuf import duration_pb2, struct_pb2, timestamp_pb2

    from flyteidl.admin import common_pb2 as admin_common
    from flyteidl.admin import execution_pb2, workflow_pb2
    from flyteidl.core import (
        catalog_pb2,
        compiler_pb2,
        condition_pb2,
        errors_pb2,
        interface_pb2,
        security_pb2,
        tasks_pb2,
        workflow_closure_pb2,
    )
    from flyteidl.core import (
        execution_pb2 as core_exec,
    )
    from flyteidl.core import (
        identifier_pb2 as ids,
    )
    from flyteidl.core import (
        literals_pb2 as lit,
    )
    from flyteidl.core import (
        types_pb2 as types,
    )
    from flyteidl.core import (
        workflow_pb2 as wf,
    )
    from flyteidl.event import event_pb2

    ts = timestamp_pb2.Timestamp(seconds=1_700_000_000, nanos=123_000_000)
    dur = duration_pb2.Duration(seconds=90, nanos=5)
    int_t = types.LiteralType(simple=types.SimpleType.INTEGER)
    str_t = types.LiteralType(simple=types.SimpleType.STRING)
    generic = struct_pb2.Struct()
    generic.update({"a": 1, "b": [True, "x"], "c": {"d": None}})

    def scalar_lit(**kw: Any) -> Any:
        return lit.Literal(scalar=lit.Scalar(**kw))

    scalars = [
        scalar_lit(primitive=lit.Primitive(integer=-42)),
        scalar_lit(primitive=lit.Primitive(float_value=3.25)),
        scalar_lit(primitive=lit.Primitive(string_value="héllo")),
        scalar_lit(primitive=lit.Primitive(boolean=True)),
        scalar_lit(primitive=lit.Primitive(datetime=ts)),
        scalar_lit(primitive=lit.Primitive(duration=dur)),
        scalar_lit(
            blob=lit.Blob(
                metadata=lit.BlobMetadata(
                    type=types.BlobType(format="csv", dimensionality=types.BlobType.MULTIPART)
                ),
                uri="s3://bucket/dir/",
            )
        ),
        scalar_lit(binary=lit.Binary(value=b"\x81\xa1a\x01", tag="msgpack")),
        scalar_lit(
            schema=lit.Schema(
                uri="s3://b/schema",
                type=types.SchemaType(
                    columns=[
                        types.SchemaType.SchemaColumn(name="x", type=types.SchemaType.SchemaColumn.FLOAT)
                    ]
                ),
            )
        ),
        scalar_lit(none_type=lit.Void()),
        scalar_lit(error=types.Error(failed_node_id="n0", message="boom")),
        scalar_lit(generic=generic),
        scalar_lit(
            structured_dataset=lit.StructuredDataset(
                uri="s3://b/df",
                metadata=lit.StructuredDatasetMetadata(
                    structured_dataset_type=types.StructuredDatasetType(
                        columns=[types.StructuredDatasetType.DatasetColumn(name="a", literal_type=int_t)],
                        format="parquet",
                        external_schema_type="arrow",
                        external_schema_bytes=b"\x00\x01",
                    )
                ),
            )
        ),
        scalar_lit(
            union=lit.Union(
                value=scalar_lit(primitive=lit.Primitive(integer=7)),
                type=types.LiteralType(
                    simple=types.SimpleType.INTEGER, structure=types.TypeStructure(tag="int")
                ),
            )
        ),
    ]
    everything = lit.Literal(
        map=lit.LiteralMap(
            literals={
                "scalars": lit.Literal(collection=lit.LiteralCollection(literals=scalars)),
                "offloaded": lit.Literal(
                    offloaded_metadata=lit.LiteralOffloadedMetadata(
                        uri="s3://b/o.pb", size_bytes=12345678901, inferred_type=str_t
                    ),
                    hash="abc",
                ),
            }
        ),
        hash="h",
        metadata={"k": "v"},
    )

    interface = interface_pb2.TypedInterface(
        inputs=interface_pb2.VariableMap(
            variables={
                "a": interface_pb2.Variable(type=int_t, description="a"),
                "l": interface_pb2.Variable(type=types.LiteralType(collection_type=str_t)),
                "m": interface_pb2.Variable(type=types.LiteralType(map_value_type=int_t)),
                "e": interface_pb2.Variable(
                    type=types.LiteralType(enum_type=types.EnumType(values=["R", "G"]))
                ),
                "u": interface_pb2.Variable(
                    type=types.LiteralType(
                        union_type=types.UnionType(
                            variants=[int_t, types.LiteralType(simple=types.SimpleType.NONE)]
                        )
                    )
                ),
            }
        ),
        outputs=interface_pb2.VariableMap(variables={"o0": interface_pb2.Variable(type=str_t)}),
    )
    task_id = ids.Identifier(
        resource_type=ids.TASK, project="flytesnacks", domain="development", name="m.t", version="v1"
    )
    custom = struct_pb2.Struct()
    custom.update({"spark_conf": {"x": "1"}})
    template = tasks_pb2.TaskTemplate(
        id=task_id,
        type="python-task",
        metadata=tasks_pb2.TaskMetadata(
            discoverable=True,
            runtime=tasks_pb2.RuntimeMetadata(
                type=tasks_pb2.RuntimeMetadata.FLYTE_SDK, version="1.16.31", flavor="python"
            ),
            timeout=dur,
            retries=lit.RetryStrategy(retries=3),
            discovery_version="1.0",
            interruptible=True,
            cache_serializable=True,
            tags={"t": "1"},
            cache_ignore_input_vars=["a"],
            pod_template_name="pt",
        ),
        interface=interface,
        custom=custom,
        container=tasks_pb2.Container(
            image="img:1",
            command=[],
            args=["pyflyte-execute", "--inputs", "{{.input}}", "--output-prefix", "{{.outputPrefix}}"],
            resources=tasks_pb2.Resources(
                requests=[tasks_pb2.Resources.ResourceEntry(name=tasks_pb2.Resources.CPU, value="1")],
                limits=[tasks_pb2.Resources.ResourceEntry(name=tasks_pb2.Resources.MEMORY, value="1Gi")],
            ),
            env=[lit.KeyValuePair(key="K", value="V")],
            ports=[tasks_pb2.ContainerPort(container_port=8080, name="http")],
            architecture=tasks_pb2.Container.ARM64,
        ),
        task_type_version=1,
        security_context=security_pb2.SecurityContext(
            run_as=security_pb2.Identity(k8s_service_account="sa"),
            secrets=[security_pb2.Secret(group="g", key="k", mount_requirement=security_pb2.Secret.ENV_VAR)],
        ),
        extended_resources=tasks_pb2.ExtendedResources(
            gpu_accelerator=tasks_pb2.GPUAccelerator(device="nvidia-tesla-t4", partition_size="1g.5gb")
        ),
        config={"c": "d"},
    )
    pod_template = tasks_pb2.TaskTemplate(
        id=task_id,
        type="sidecar",
        k8s_pod=tasks_pb2.K8sPod(
            metadata=tasks_pb2.K8sObjectMetadata(labels={"a": "b"}, annotations={"c": "d"}),
            pod_spec=custom,
            primary_container_name="main",
        ),
    )

    def ref(node: str, var: str) -> Any:
        return lit.BindingData(promise=types.OutputReference(node_id=node, var=var))

    n0 = wf.Node(
        id="n0",
        metadata=wf.NodeMetadata(name="t", retries=lit.RetryStrategy(retries=1), cacheable=True),
        inputs=[lit.Binding(var="a", binding=ref("start-node", "a"))],
        task_node=wf.TaskNode(reference_id=task_id),
    )
    branch = wf.Node(
        id="n1",
        upstream_node_ids=["n0"],
        branch_node=wf.BranchNode(
            if_else=wf.IfElseBlock(
                case=wf.IfBlock(
                    condition=condition_pb2.BooleanExpression(
                        comparison=condition_pb2.ComparisonExpression(
                            operator=condition_pb2.ComparisonExpression.GT,
                            left_value=condition_pb2.Operand(var=".a"),
                            right_value=condition_pb2.Operand(
                                scalar=lit.Scalar(primitive=lit.Primitive(integer=1))
                            ),
                        )
                    ),
                    then_node=n0,
                ),
                error=types.Error(failed_node_id="n1", message="no branch"),
            )
        ),
    )
    array = wf.Node(
        id="n2",
        array_node=wf.ArrayNode(
            node=n0, parallelism=4, min_success_ratio=0.5, execution_mode=wf.ArrayNode.FULL_STATE
        ),
    )
    gate = wf.Node(id="n3", gate_node=wf.GateNode(sleep=wf.SleepCondition(duration=dur)))
    template_wf = wf.WorkflowTemplate(
        id=ids.Identifier(resource_type=ids.WORKFLOW, project="p", domain="d", name="m.wf", version="v1"),
        metadata=wf.WorkflowMetadata(
            on_failure=wf.WorkflowMetadata.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE, tags={"x": "y"}
        ),
        interface=interface,
        nodes=[n0, branch, array, gate],
        outputs=[lit.Binding(var="o0", binding=ref("n0", "o0"))],
        metadata_defaults=wf.WorkflowMetadataDefaults(interruptible=True),
    )
    core_closure = workflow_closure_pb2.WorkflowClosure(workflow=template_wf, tasks=[template, pod_template])
    compiled = compiler_pb2.CompiledWorkflowClosure(
        primary=compiler_pb2.CompiledWorkflow(
            template=template_wf,
            connections=compiler_pb2.ConnectionSet(
                downstream={"start-node": compiler_pb2.ConnectionSet.IdList(ids=["n0"])},
                upstream={"n0": compiler_pb2.ConnectionSet.IdList(ids=["start-node"])},
            ),
        ),
        tasks=[compiler_pb2.CompiledTask(template=template)],
    )
    admin_closure = workflow_pb2.WorkflowClosure(compiled_workflow=compiled, created_at=ts)

    exec_id = ids.WorkflowExecutionIdentifier(project="p", domain="d", name="abc")
    create = execution_pb2.ExecutionCreateRequest(
        project="p",
        domain="d",
        name="abc",
        spec=execution_pb2.ExecutionSpec(
            launch_plan=ids.Identifier(
                resource_type=ids.LAUNCH_PLAN, project="p", domain="d", name="m.wf", version="v1"
            ),
            metadata=execution_pb2.ExecutionMetadata(
                mode=execution_pb2.ExecutionMetadata.MANUAL, principal="me"
            ),
            labels=admin_common.Labels(values={"l": "1"}),
            annotations=admin_common.Annotations(values={"a": "2"}),
            max_parallelism=10,
            raw_output_data_config=admin_common.RawOutputDataConfig(output_location_prefix="s3://raw"),
            overwrite_cache=True,
            envs=admin_common.Envs(values=[lit.KeyValuePair(key="E", value="1")]),
            disable_all=True,
        ),
        inputs=lit.LiteralMap(literals={"a": scalars[0]}),
    )
    wf_event = event_pb2.WorkflowExecutionEvent(
        execution_id=exec_id,
        producer_id="propeller",
        phase=core_exec.WorkflowExecution.SUCCEEDED,
        occurred_at=ts,
        output_uri="s3://b/end-node/data/0/outputs.pb",
    )
    node_exec_id = ids.NodeExecutionIdentifier(node_id="n0", execution_id=exec_id)
    node_event = event_pb2.NodeExecutionEvent(
        id=node_exec_id,
        producer_id="propeller",
        phase=core_exec.NodeExecution.FAILED,
        occurred_at=ts,
        input_uri="s3://b/in.pb",
        error=core_exec.ExecutionError(
            code="USER:ValueError", message="bad", kind=core_exec.ExecutionError.USER
        ),
        task_node_metadata=event_pb2.TaskNodeMetadata(cache_status=catalog_pb2.CACHE_HIT),
        spec_node_id="n0",
        node_name="t",
        retry_group="1",
        event_version=2,
        is_array=True,
        reported_at=ts,
    )
    task_event = event_pb2.TaskExecutionEvent(
        task_id=task_id,
        parent_node_execution_id=node_exec_id,
        retry_attempt=1,
        phase=core_exec.TaskExecution.RUNNING,
        producer_id="propeller",
        logs=[core_exec.TaskLog(uri="http://logs", name="log", message_format=core_exec.TaskLog.JSON)],
        occurred_at=ts,
        input_uri="s3://b/in.pb",
        custom_info=custom,
        phase_version=2,
        reason="started",
        task_type="python-task",
        metadata=event_pb2.TaskExecutionMetadata(generated_name="abc-n0-1", plugin_identifier="container"),
    )
    error_doc = errors_pb2.ErrorDocument(
        error=errors_pb2.ContainerError(code="USER", message="m", kind=errors_pb2.ContainerError.RECOVERABLE)
    )
    return [
        everything,
        *scalars,
        template,
        pod_template,
        core_closure,
        admin_closure,
        create,
        wf_event,
        node_event,
        task_event,
        error_doc,
    ]


def samples() -> None:
    out = [
        {
            "type": m.DESCRIPTOR.full_name,
            "data": base64.b64encode(m.SerializeToString(deterministic=True)).decode(),
        }
        for m in _samples()
    ]
    json.dump(out, sys.stdout)


def reparse() -> None:
    from google.protobuf import message_factory

    pools = {}
    for module in _all_modules():
        for desc in module.DESCRIPTOR.message_types_by_name.values():
            pools[desc.full_name] = desc
    results = []
    for item in json.load(sys.stdin):
        cls = message_factory.GetMessageClass(pools[item["type"]])
        msg = cls()
        raw = base64.b64decode(item["data"])
        msg.ParseFromString(raw)
        stripped = cls()
        stripped.CopyFrom(msg)
        stripped.DiscardUnknownFields()
        results.append(
            {
                "type": item["type"],
                "data": base64.b64encode(msg.SerializeToString(deterministic=True)).decode(),
                "unknown": stripped.SerializeToString(deterministic=True)
                != msg.SerializeToString(deterministic=True),
            }
        )
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    {"descriptors": descriptors, "samples": samples, "reparse": reparse}[sys.argv[1]]()
