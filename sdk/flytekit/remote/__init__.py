"""Talk to a Flyte backend from Python: fetch, register and execute entities, follow executions.

``FlyteRemote`` is the entry point; what it returns are read-only views of admin's records
(``FlyteTask``, ``FlyteWorkflow``, ``FlyteLaunchPlan``, ``FlyteWorkflowExecution``). Importing this
package does not import ``grpc``; the admin client connects on first use.
"""

from flytekit.remote.entities import FlyteLaunchPlan, FlyteTask, FlyteWorkflow
from flytekit.remote.executions import FlyteNodeExecution, FlyteWorkflowExecution
from flytekit.remote.literals import LiteralsResolver
from flytekit.remote.remote import FlyteRemote

__all__ = [
    "FlyteLaunchPlan",
    "FlyteNodeExecution",
    "FlyteRemote",
    "FlyteTask",
    "FlyteWorkflow",
    "FlyteWorkflowExecution",
    "LiteralsResolver",
]
