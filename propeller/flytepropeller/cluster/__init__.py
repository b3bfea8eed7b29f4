"""The ``Cluster`` seam: where task "pods" run.

The container plugin turns a task into a :class:`PodSpec` and asks a :class:`Cluster` to create it,
poll its :class:`PodStatus` and delete it. Pod names are deterministic
(``<execution>-<node>-<attempt>``), so creating an existing pod raises ``PodAlreadyExists`` and the
caller adopts the running pod instead of starting another. Implementations: ``LocalCluster``
(subprocesses on this machine, :mod:`flytepropeller.cluster.local`); a Kubernetes one comes with
the kopf driver.
"""

from flytepropeller.cluster._pods import Cluster, PodPhase, PodSpec, PodStatus
from flytepropeller.cluster.local import LocalCluster

__all__ = ["Cluster", "LocalCluster", "PodPhase", "PodSpec", "PodStatus"]
