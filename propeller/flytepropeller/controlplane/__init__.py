"""The ``AdminClient`` seam: what propeller asks of admin besides events.

Gate nodes read signals (``SignalService.GetOrCreateSignal``), launch-plan nodes start, watch and
terminate child executions, and recovery mode reads the node executions of the execution being
recovered. ``GrpcAdminClient`` calls admin over gRPC (sharing the channel the event sink uses);
``MemoryAdminClient`` keeps everything in memory for tests and embeddings without admin.
"""

from flytepropeller.controlplane.client import AdminClient, execution_key
from flytepropeller.controlplane.grpc_client import GrpcAdminClient, admin_channel
from flytepropeller.controlplane.memory import MemoryAdminClient

__all__ = ["AdminClient", "GrpcAdminClient", "MemoryAdminClient", "admin_channel", "execution_key"]
