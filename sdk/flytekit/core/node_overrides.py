"""The rules of ``with_overrides``: what each override changes on a node, as flytekit 1.16 applies them.

``apply_overrides(node, ...)`` is what ``Node.with_overrides`` (and so ``promise.with_overrides``)
runs. Values must be plain Python values, never promises: overrides are fixed when the workflow is
compiled.

* ``node_name`` -> the node id (DNS label, see ``dnsify``); ``name`` -> the display name;
* ``aliases`` -> output aliases; ``timeout`` (``None`` clears it, ints are seconds), ``retries``,
  ``interruptible`` and ``cache`` (with the legacy ``cache_version`` / ``cache_serialize``
  keywords, or a ``Cache`` object that names its version) -> node metadata;
* ``requests`` / ``limits`` or ``resources`` (scalar = request, tuple = (request, limit)),
  ``container_image``, ``accelerator`` and ``shared_memory`` -> the task node's overrides
  (accelerator and shared memory are replaced on every call, as in flytekit);
* ``task_config`` replaces the task's plugin config (same type only); ``pod_template`` is kept on
  the node for the compiler.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from flytekit._lazy import lazy_module
from flytekit.core.node import TIMEOUT_OVERRIDE_SENTINEL, Node, dnsify
from flytekit.core.resources import Resources, ResourceSpec

if TYPE_CHECKING:
    from flyteidl.core import tasks_pb2, workflow_pb2
else:
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")
    workflow_pb2 = lazy_module("flyteidl.core.workflow_pb2")

logger = logging.getLogger(__name__)

SHARED_MEMORY_MOUNT_NAME = "flyte-shared-memory"
SHARED_MEMORY_MOUNT_PATH = "/dev/shm"


def assert_not_promise(value: Any, what: str) -> None:
    """Refuse a promise as an override value (overrides are fixed at compile time)."""
    from flytekit.core.promise import Promise, VoidPromise

    if isinstance(value, Promise | VoidPromise):
        raise AssertionError(
            f"Cannot use a promise in the {what} override; overrides are fixed when the workflow is compiled, "
            "so pass a plain value."
        )


def extended_resources(
    accelerator: Any = None, shared_memory: Any = None
) -> tasks_pb2.ExtendedResources | None:
    """``ExtendedResources`` for an accelerator (anything with ``to_flyte_idl()``) and shared memory
    (``True`` = sized like the container's memory, or a size string); None when neither is given."""
    if accelerator is None and not (shared_memory is True or isinstance(shared_memory, str)):
        return None
    result = tasks_pb2.ExtendedResources()
    if accelerator is not None:
        result.gpu_accelerator.CopyFrom(accelerator.to_flyte_idl())
    if shared_memory is True or isinstance(shared_memory, str):
        result.shared_memory.CopyFrom(
            tasks_pb2.SharedMemory(
                mount_name=SHARED_MEMORY_MOUNT_NAME,
                mount_path=SHARED_MEMORY_MOUNT_PATH,
                size_limit=shared_memory if isinstance(shared_memory, str) else "",
            )
        )
    return result


def apply_overrides(
    node: Node,
    *,
    node_name: str | None = None,
    aliases: dict[str, str] | None = None,
    requests: Resources | None = None,
    limits: Resources | None = None,
    timeout: Any = TIMEOUT_OVERRIDE_SENTINEL,
    retries: int | None = None,
    interruptible: bool | None = None,
    name: str | None = None,
    task_config: Any = None,
    container_image: str | None = None,
    accelerator: Any = None,
    cache: Any = None,
    shared_memory: bool | str | None = None,
    pod_template: Any = None,
    resources: Resources | None = None,
    **kwargs: Any,
) -> None:
    """Apply ``with_overrides`` arguments to ``node``; see the module docstring."""
    if node_name is not None:
        assert_not_promise(node_name, "node_name")
        node._id = dnsify(node_name)
    if aliases is not None:
        if not isinstance(aliases, dict):
            raise AssertionError("Aliases should be specified as dict[str, str]")
        node._aliases = [workflow_pb2.Alias(var=k, alias=v) for k, v in aliases.items()]
    _override_resources(node, requests, limits, resources)
    if task_config is not None:
        _override_task_config(node, task_config)
    if container_image is not None:
        assert_not_promise(container_image, "container_image")
        node._container_image = container_image
    if accelerator is not None:
        assert_not_promise(accelerator, "accelerator")
    if shared_memory is not None:
        assert_not_promise(shared_memory, "shared_memory")
    node._extended_resources = extended_resources(accelerator, shared_memory)
    _override_metadata(node, name, timeout, retries, interruptible, cache, **kwargs)
    if pod_template is not None:
        assert_not_promise(pod_template, "podtemplate")
        node._pod_template = pod_template


def _override_resources(
    node: Node, requests: Resources | None, limits: Resources | None, resources: Resources | None
) -> None:
    if resources is not None:
        if limits is not None or requests is not None:
            raise ValueError(
                "`resource` can not be used together with the `limits` or `requests`. Please only set `resource`."
            )
        spec = ResourceSpec.from_multiple_resource(resources)
        requests, limits = spec.requests, spec.limits
    if requests is None and limits is None:
        return
    if requests and not isinstance(requests, Resources):
        raise AssertionError("requests should be specified as flytekit.Resources")
    if limits and not isinstance(limits, Resources):
        raise AssertionError("limits should be specified as flytekit.Resources")
    if not limits:
        logger.warning(
            "Requests overridden on node %s without specifying limits. Requests are clamped to original limits.",
            node.id,
        )
    for label, value in (("requests", requests), ("limits", limits)):
        if value is not None:
            for field_name in ("cpu", "mem", "gpu", "ephemeral_storage"):
                assert_not_promise(getattr(value, field_name), f"{label}.{field_name}")
    node._resources = tasks_pb2.Resources(
        requests=requests.to_entries() if requests else [],
        limits=limits.to_entries() if limits else [],
    )


def _override_task_config(node: Node, task_config: Any) -> None:
    logger.warning("This override is beta. We may want to revisit this in the future.")
    entity = node.run_entity
    current = getattr(entity, "_task_config", None)
    if not isinstance(task_config, type(current)):
        raise ValueError("can't change the type of the task config")
    entity._task_config = task_config


def _override_metadata(
    node: Node,
    name: str | None,
    timeout: Any,
    retries: int | None,
    interruptible: bool | None,
    cache: Any,
    **kwargs: Any,
) -> None:
    md: workflow_pb2.NodeMetadata = node._metadata_to_override()
    cache_serialize = kwargs.get("cache_serialize")
    cache_version = kwargs.get("cache_version")
    if timeout is not TIMEOUT_OVERRIDE_SENTINEL:
        if timeout is None:
            md.ClearField("timeout")
        elif isinstance(timeout, bool) or not isinstance(timeout, int | datetime.timedelta):
            raise ValueError(
                "timeout should be duration represented as either a datetime.timedelta or int seconds"
            )
        else:
            delta = datetime.timedelta(seconds=timeout) if isinstance(timeout, int) else timeout
            if delta:
                md.timeout.FromTimedelta(delta)
            else:
                md.ClearField("timeout")
    if retries is not None:
        assert_not_promise(retries, "retries")
        md.retries.retries = retries
    if interruptible is not None:
        assert_not_promise(interruptible, "interruptible")
        md.interruptible = interruptible
    if name is not None:
        md.name = name
    if cache is not None:
        assert_not_promise(cache, "cache")
        if cache is True and cache_version is None:
            raise ValueError("must specify cache version when overriding")
        if not isinstance(cache, bool):
            # a Cache object: its version and serialize flag replace the legacy keywords
            if cache_serialize is not None or cache_version is not None:
                raise ValueError(
                    "cache_serialize, cache_version, and cache_ignore_input_vars are deprecated. Please use Cache object"
                )
            if getattr(cache, "version", None) is None:
                raise ValueError("must specify cache version when overriding")
            cache_version, cache_serialize, cache = cache.version, cache.serialize, True
        md.cacheable = cache
    if cache_version is not None:
        assert_not_promise(cache_version, "cache_version")
        md.cache_version = cache_version
    if cache_serialize is not None:
        assert_not_promise(cache_serialize, "cache_serialize")
        md.cache_serializable = cache_serialize
