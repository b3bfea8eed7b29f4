"""One task attempt inside its container: what ``pyflyte-execute`` does.

1. Build the context: a ``FileAccessProvider`` (``DataConfig.auto()``: ``FLYTE_AWS_*`` / config
   file) whose raw output prefix is ``--raw-output-data-prefix``; execution parameters from
   ``FLYTE_INTERNAL_EXECUTION_*`` / ``FLYTE_INTERNAL_TASK_*`` (or their ``_F_*`` short aliases);
   serialization settings from ``_F_SS_C`` when present; mode TASK_EXECUTION.
2. Import the resolver object named by ``--resolver`` and load the task from the loader args
   (failures here are the user's: bad module path, missing attribute, import error in user code).
3. Read ``--inputs`` (a LiteralMap at a local path, ``file://`` or ``s3://`` URI), run
   ``task.dispatch_execute``.
4. Write ``outputs.pb`` (LiteralMap), ``futures.pb`` (the DynamicJobSpec of a dynamic task) or
   ``error.pb`` (ErrorDocument) under ``--output-prefix``; ``IgnoreOutputs`` writes nothing.

``run_task`` returns what it wrote so the command can choose the exit code (0, even after a user
error, unless ``FLYTE_FAIL_ON_ERROR`` is true, as in flytekit).
"""

from __future__ import annotations

import datetime
import importlib
import logging
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace

from flyteidl.core import dynamic_job_pb2, execution_pb2, identifier_pb2, literals_pb2
from flytekit.configuration import (
    SERIALIZED_CONTEXT_ENV_VAR,
    FastSerializationSettings,
    ImageConfig,
    SerializationSettings,
)
from flytekit.configuration.platform import DataConfig
from flytekit.core.base_task import IgnoreOutputs, PythonTask, TaskResolverMixin
from flytekit.core.checkpointer import SyncCheckpoint
from flytekit.core.constants import ERROR_FILE_NAME, FUTURES_FILE_NAME, OUTPUT_FILE_NAME
from flytekit.core.context_manager import (
    ExecutionParameters,
    ExecutionState,
    FlyteContext,
    FlyteContextManager,
    OutputMetadataTracker,
)
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.errors import FlyteAssertion
from flytekit.runtime.error_documents import TaskLoadError, error_document

logger = logging.getLogger(__name__)


def _env(environ: Mapping[str, str], long_name: str, short_name: str) -> str:
    return environ.get(long_name) or environ.get(short_name) or ""


def execution_parameters(
    environ: Mapping[str, str],
    working_dir: str,
    raw_output_prefix: str,
    output_prefix: str,
    checkpoint_path: str | None = None,
    prev_checkpoint: str | None = None,
) -> ExecutionParameters:
    """The user-visible parameters of this attempt, from the variables propeller sets on the container."""
    execution_id = identifier_pb2.WorkflowExecutionIdentifier(
        project=_env(environ, "FLYTE_INTERNAL_EXECUTION_PROJECT", "_F_PRJ"),
        domain=_env(environ, "FLYTE_INTERNAL_EXECUTION_DOMAIN", "_F_DM"),
        name=_env(environ, "FLYTE_INTERNAL_EXECUTION_ID", "_F_NM"),
    )
    task_id = identifier_pb2.Identifier(
        resource_type=identifier_pb2.TASK,
        project=_env(environ, "FLYTE_INTERNAL_TASK_PROJECT", "_F_TK_PRJ"),
        domain=_env(environ, "FLYTE_INTERNAL_TASK_DOMAIN", "_F_TK_DM"),
        name=_env(environ, "FLYTE_INTERNAL_TASK_NAME", "_F_TK_NM"),
        version=_env(environ, "FLYTE_INTERNAL_TASK_VERSION", "_F_TK_V"),
    )
    return ExecutionParameters(
        execution_date=datetime.datetime.now(datetime.UTC),
        tmp_dir=working_dir,
        execution_id=execution_id,
        task_id=task_id,
        raw_output_prefix=raw_output_prefix,
        output_metadata_prefix=output_prefix,
        checkpoint=SyncCheckpoint(checkpoint_dest=checkpoint_path, checkpoint_src=prev_checkpoint)
        if checkpoint_path
        else None,
    )


def normalize_checkpoints(
    checkpoint_path: str | None, prev_checkpoint: str | None
) -> tuple[str | None, str | None]:
    """None for checkpoint arguments propeller left unfilled (the template itself) or empty (``""``)."""
    if checkpoint_path in ("{{.checkpointOutputPrefix}}", "", '""'):
        checkpoint_path = None
    if prev_checkpoint in ("{{.prevCheckpointPrefix}}", "", '""'):
        prev_checkpoint = None
    return checkpoint_path, prev_checkpoint


def serialization_settings(
    environ: Mapping[str, str],
    dynamic_addl_distro: str | None = None,
    dynamic_dest_dir: str | None = None,
) -> SerializationSettings:
    """Settings for entities compiled at run time (dynamic tasks).

    ``_F_SS_C`` if set, else the default image config; project and domain default to the
    execution's, the version is always the running task's (what it was registered with), and a
    fast-registered task (``--dynamic-addl-distro``) makes the compiled tasks fast too.
    """
    transported = environ.get(SERIALIZED_CONTEXT_ENV_VAR)
    settings = (
        SerializationSettings.from_transport(transported)
        if transported
        else SerializationSettings(image_config=ImageConfig.auto())
    )
    changes: dict[str, object] = {
        "project": settings.project or _env(environ, "FLYTE_INTERNAL_EXECUTION_PROJECT", "_F_PRJ"),
        "domain": settings.domain or _env(environ, "FLYTE_INTERNAL_EXECUTION_DOMAIN", "_F_DM"),
        "version": _env(environ, "FLYTE_INTERNAL_TASK_VERSION", "_F_TK_V"),
    }
    if dynamic_addl_distro:
        changes["fast_serialization_settings"] = FastSerializationSettings(
            enabled=True, destination_dir=dynamic_dest_dir, distribution_location=dynamic_addl_distro
        )
    return replace(settings, **changes)  # type: ignore[arg-type]


def load_resolver(location: str) -> TaskResolverMixin:
    """The resolver at dotted path ``location`` (``package.module.attribute``).

    ``pyflyte-execute`` names a resolver object; ``pyflyte-map-execute`` names a resolver class
    (``flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver``), which is instantiated.
    """
    module_name, _, attribute = location.rpartition(".")
    if not module_name:
        raise FlyteAssertion(f"--resolver {location!r} must be a dotted path like 'package.module.resolver'.")
    resolver = getattr(importlib.import_module(module_name), attribute, None)
    if isinstance(resolver, type) and issubclass(resolver, TaskResolverMixin):
        resolver = resolver()
    if not isinstance(resolver, TaskResolverMixin):
        raise FlyteAssertion(
            f"--resolver {location!r} does not name a task resolver object (got {resolver!r})."
        )
    return resolver


def load_task(resolver_location: str, resolver_args: list[str]) -> PythonTask:
    try:
        return load_resolver(resolver_location).load_task(resolver_args)
    except Exception as exc:
        raise TaskLoadError(f"Failed to load the task from {resolver_args}: {exc}") from exc


@dataclass(frozen=True)
class AttemptResult:
    """What an attempt wrote: the file name (``outputs.pb``, ``error.pb`` or None) and its URI."""

    written: str | None
    uri: str | None


def _task_context(
    file_access: FileAccessProvider,
    params: ExecutionParameters,
    engine_dir: str,
    settings: SerializationSettings,
) -> FlyteContext.Builder:
    root = FlyteContextManager.current_context()
    es = ExecutionState(
        working_dir=params.working_directory,
        mode=ExecutionState.Mode.TASK_EXECUTION,
        engine_dir=engine_dir,
        user_space_params=params,
    )
    builder = root.with_file_access(file_access)
    builder.execution_state = es
    builder.serialization_settings = settings
    builder.compilation_state = None
    # where Artifact.create_from records run-time partitions of the outputs
    builder.output_metadata_tracker = OutputMetadataTracker()
    return builder


def run_task(
    *,
    inputs: str,
    output_prefix: str,
    raw_output_data_prefix: str | None,
    resolver: str,
    resolver_args: list[str],
    dynamic_dest_dir: str | None = None,
    dynamic_addl_distro: str | None = None,
    environ: Mapping[str, str] | None = None,
    data_config: DataConfig | None = None,
    checkpoint_path: str | None = None,
    prev_checkpoint: str | None = None,
) -> AttemptResult:
    """Run one attempt (see the module docstring); raises only when even the error file cannot be written."""
    environ = os.environ if environ is None else environ
    if os.getcwd() not in sys.path:
        sys.path.append(os.getcwd())
    if dynamic_dest_dir and dynamic_dest_dir not in sys.path:
        sys.path.insert(0, dynamic_dest_dir)
    sandbox = tempfile.mkdtemp(prefix="flyte-task-")
    engine_dir = os.path.join(sandbox, "engine")
    working_dir = os.path.join(sandbox, "user_space")
    os.makedirs(engine_dir)
    os.makedirs(working_dir)
    raw_prefix = raw_output_data_prefix or os.path.join(sandbox, "raw")
    file_access = FileAccessProvider(
        local_sandbox_dir=sandbox, raw_output_prefix=raw_prefix, data_config=data_config or DataConfig.auto()
    )
    checkpoint_path, prev_checkpoint = normalize_checkpoints(checkpoint_path, prev_checkpoint)
    params = execution_parameters(
        environ, working_dir, raw_prefix, output_prefix, checkpoint_path, prev_checkpoint
    )
    settings = serialization_settings(environ, dynamic_addl_distro, dynamic_dest_dir)
    builder = _task_context(file_access, params, engine_dir, settings)
    with FlyteContextManager.with_context(builder) as ctx:
        try:
            task = load_task(resolver, resolver_args)
            input_map = literals_pb2.LiteralMap()
            input_map.ParseFromString(file_access.read_bytes(inputs))
            logger.info("Running task %s", task.name)
            output_map = task.dispatch_execute(ctx, input_map)
        except IgnoreOutputs:
            logger.info("The task raised IgnoreOutputs; writing no outputs.")
            return AttemptResult(None, None)
        except Exception as exc:
            document = error_document(exc)
            logger.error(
                "Task failed (%s, %s):\n%s",
                document.error.code,
                execution_pb2.ExecutionError.ErrorKind.Name(document.error.origin),
                document.error.message,
            )
            uri = file_access.join(output_prefix, ERROR_FILE_NAME)
            file_access.write_bytes(uri, document.SerializeToString(deterministic=True))
            return AttemptResult(ERROR_FILE_NAME, uri)
        # A dynamic task that built nodes hands back a job spec for the engine to run instead.
        name = (
            FUTURES_FILE_NAME if isinstance(output_map, dynamic_job_pb2.DynamicJobSpec) else OUTPUT_FILE_NAME
        )
        uri = file_access.join(output_prefix, name)
        file_access.write_bytes(uri, output_map.SerializeToString(deterministic=True))
        return AttemptResult(name, uri)
