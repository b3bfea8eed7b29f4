"""Accelerators a task can ask for with ``@task(accelerator=...)``.

An accelerator becomes ``ExtendedResources.gpu_accelerator`` in the task template: a device name
that must match what the cluster calls the device, and for multi-instance devices either a
partition (``A100.partition_2g_10gb`` -> ``partition_size="2g.10gb"``) or ``unpartitioned=True``
(``A100.unpartitioned``); the bare constant (``A100``) sets neither. Device names and partitions
are the ones flytekit 1.16 ships.
"""

from __future__ import annotations

import abc
import copy
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from flytekit._lazy import lazy_module

if TYPE_CHECKING:
    from flyteidl.core import tasks_pb2
else:
    tasks_pb2 = lazy_module("flyteidl.core.tasks_pb2")

_MIG = TypeVar("_MIG", bound="MultiInstanceGPUAccelerator")


class BaseAccelerator(abc.ABC):
    """An accelerator device request; ``to_flyte_idl()`` gives its ``GPUAccelerator`` message."""

    @abc.abstractmethod
    def to_flyte_idl(self) -> Any: ...


class GPUAccelerator(BaseAccelerator):
    """A whole device by name, e.g. ``GPUAccelerator("nvidia-tesla-v100")``."""

    def __init__(self, device: str) -> None:
        self._device = device

    @property
    def device(self) -> str:
        return self._device

    def to_flyte_idl(self) -> tasks_pb2.GPUAccelerator:
        return tasks_pb2.GPUAccelerator(device=self._device)

    def __repr__(self) -> str:
        return f"GPUAccelerator({self._device!r})"


class MultiInstanceGPUAccelerator(BaseAccelerator):
    """A device that can be split; subclasses set ``device`` and offer partitions as class attributes."""

    device: ClassVar[str]
    # Not set at all on the bare constant: the message then carries neither a partition nor
    # ``unpartitioned``; None means "explicitly the whole device".
    _partition_size: str | None

    @property
    def unpartitioned(self: _MIG) -> _MIG:
        whole = copy.deepcopy(self)
        whole._partition_size = None
        return whole

    @classmethod
    def partitioned(cls: type[_MIG], partition_size: str) -> _MIG:
        part = cls()
        part._partition_size = partition_size
        return part

    def to_flyte_idl(self) -> tasks_pb2.GPUAccelerator:
        msg = tasks_pb2.GPUAccelerator(device=self.device)
        if "_partition_size" not in self.__dict__:
            return msg
        if self._partition_size is None:
            msg.unpartitioned = True
        else:
            msg.partition_size = self._partition_size
        return msg

    def __repr__(self) -> str:
        part = self.__dict__.get("_partition_size", "<default>")
        return f"{type(self).__name__}(device={self.device!r}, partition={part!r})"


A10G = GPUAccelerator("nvidia-a10g")
L4 = GPUAccelerator("nvidia-l4")
L4_VWS = GPUAccelerator("nvidia-l4-vws")
L40S = GPUAccelerator("nvidia-l40s")
K80 = GPUAccelerator("nvidia-tesla-k80")
M60 = GPUAccelerator("nvidia-tesla-m60")
P4 = GPUAccelerator("nvidia-tesla-p4")
P100 = GPUAccelerator("nvidia-tesla-p100")
T4 = GPUAccelerator("nvidia-tesla-t4")
V100 = GPUAccelerator("nvidia-tesla-v100")
H100 = GPUAccelerator("nvidia-h100")
H200 = GPUAccelerator("nvidia-h200")
RTX_PRO_6000 = GPUAccelerator("nvidia-rtx-pro-6000")


class _A100_Base(MultiInstanceGPUAccelerator):
    device = "nvidia-tesla-a100"


class _A100(_A100_Base):
    """NVIDIA A100 (40 GB); MIG partitions as attributes."""

    partition_1g_5gb = _A100_Base.partitioned("1g.5gb")
    partition_2g_10gb = _A100_Base.partitioned("2g.10gb")
    partition_3g_20gb = _A100_Base.partitioned("3g.20gb")
    partition_4g_20gb = _A100_Base.partitioned("4g.20gb")
    partition_7g_40gb = _A100_Base.partitioned("7g.40gb")


A100 = _A100()


class _A100_80GB_Base(MultiInstanceGPUAccelerator):
    device = "nvidia-a100-80gb"


class _A100_80GB(_A100_80GB_Base):
    """NVIDIA A100 80 GB; MIG partitions as attributes."""

    partition_1g_10gb = _A100_80GB_Base.partitioned("1g.10gb")
    partition_2g_20gb = _A100_80GB_Base.partitioned("2g.20gb")
    partition_3g_40gb = _A100_80GB_Base.partitioned("3g.40gb")
    partition_4g_40gb = _A100_80GB_Base.partitioned("4g.40gb")
    partition_7g_80gb = _A100_80GB_Base.partitioned("7g.80gb")


A100_80GB = _A100_80GB()


class _V5E_Base(MultiInstanceGPUAccelerator):
    device = "tpu-v5-lite-podslice"


class _V5E(_V5E_Base):
    """Google Cloud TPU v5e; slice topologies as attributes."""

    slice_1x1 = _V5E_Base.partitioned("1x1")
    slice_2x2 = _V5E_Base.partitioned("2x2")
    slice_2x4 = _V5E_Base.partitioned("2x4")
    slice_4x4 = _V5E_Base.partitioned("4x4")
    slice_4x8 = _V5E_Base.partitioned("4x8")
    slice_8x8 = _V5E_Base.partitioned("8x8")
    slice_8x16 = _V5E_Base.partitioned("8x16")
    slice_16x16 = _V5E_Base.partitioned("16x16")


V5E = _V5E()


class _V5P_Base(MultiInstanceGPUAccelerator):
    device = "tpu-v5p-slice"


class _V5P(_V5P_Base):
    """Google Cloud TPU v5p; slice topologies as attributes."""

    slice_2x2x1 = _V5P_Base.partitioned("2x2x1")
    slice_2x2x2 = _V5P_Base.partitioned("2x2x2")
    slice_2x4x4 = _V5P_Base.partitioned("2x4x4")
    slice_4x4x4 = _V5P_Base.partitioned("4x4x4")
    slice_4x4x8 = _V5P_Base.partitioned("4x4x8")
    slice_4x8x8 = _V5P_Base.partitioned("4x8x8")
    slice_8x8x8 = _V5P_Base.partitioned("8x8x8")
    slice_8x8x16 = _V5P_Base.partitioned("8x8x16")
    slice_8x16x16 = _V5P_Base.partitioned("8x16x16")
    slice_16x16x16 = _V5P_Base.partitioned("16x16x16")
    slice_16x16x24 = _V5P_Base.partitioned("16x16x24")


V5P = _V5P()


class _V6E_Base(MultiInstanceGPUAccelerator):
    device = "tpu-v6e-slice"


class _V6E(_V6E_Base):
    """Google Cloud TPU v6e; slice topologies as attributes."""

    slice_1x1 = _V6E_Base.partitioned("1x1")
    slice_2x2 = _V6E_Base.partitioned("2x2")
    slice_2x4 = _V6E_Base.partitioned("2x4")
    slice_4x4 = _V6E_Base.partitioned("4x4")
    slice_4x8 = _V6E_Base.partitioned("4x8")
    slice_8x8 = _V6E_Base.partitioned("8x8")
    slice_8x16 = _V6E_Base.partitioned("8x16")
    slice_16x16 = _V6E_Base.partitioned("16x16")


V6E = _V6E()
