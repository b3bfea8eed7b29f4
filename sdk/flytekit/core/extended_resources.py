"""``ExtendedResources`` of a task: an accelerator and/or shared memory mounted at ``/dev/shm``.

``shared_memory=True`` mounts a memory-backed volume without a size limit (the platform sizes it
from the task's memory); a string such as ``"2Gi"`` sets the limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from flytekit.errors import FlyteValidationException

if TYPE_CHECKING:
    from flyteidl.core import tasks_pb2
    from flytekit.extras.accelerators import BaseAccelerator

SHARED_MEMORY_MOUNT_NAME = "flyte-shared-memory"
SHARED_MEMORY_MOUNT_PATH = "/dev/shm"

SharedMemory = Literal[True] | str | None


def validate_shared_memory(owner: str, shared_memory: object) -> None:
    if (
        shared_memory is None
        or shared_memory is True
        or shared_memory is False
        or isinstance(shared_memory, str)
    ):
        return
    raise FlyteValidationException(
        f"Task '{owner}': shared_memory must be True or a size such as '2Gi', got {shared_memory!r}."
    )


def construct_extended_resources(
    accelerator: BaseAccelerator | None = None, shared_memory: SharedMemory = None
) -> tasks_pb2.ExtendedResources | None:
    """The message for a task's accelerator and shared memory, or None when it asks for neither."""
    from flyteidl.core import tasks_pb2

    if accelerator is None and shared_memory is not True and not isinstance(shared_memory, str):
        return None
    extended = tasks_pb2.ExtendedResources()
    if accelerator is not None:
        extended.gpu_accelerator.CopyFrom(accelerator.to_flyte_idl())
    if shared_memory is True or isinstance(shared_memory, str):
        extended.shared_memory.CopyFrom(
            tasks_pb2.SharedMemory(mount_name=SHARED_MEMORY_MOUNT_NAME, mount_path=SHARED_MEMORY_MOUNT_PATH)
        )
        if isinstance(shared_memory, str):
            extended.shared_memory.size_limit = shared_memory
    return extended
