"""The older "agent" names of the connector API (flytekit renamed agents to connectors; both work)."""

from __future__ import annotations

from flytekit.extend.backend.base_connector import (
    AsyncConnectorBase as AsyncAgentBase,
)
from flytekit.extend.backend.base_connector import (
    AsyncConnectorExecutorMixin as AsyncAgentExecutorMixin,
)
from flytekit.extend.backend.base_connector import (
    ConnectorBase as AgentBase,
)
from flytekit.extend.backend.base_connector import (
    ConnectorRegistry as AgentRegistry,
)
from flytekit.extend.backend.base_connector import (
    Resource,
    ResourceMeta,
    TaskCategory,
    is_terminal_phase,
)
from flytekit.extend.backend.base_connector import (
    SyncConnectorBase as SyncAgentBase,
)
from flytekit.extend.backend.base_connector import (
    SyncConnectorExecutorMixin as SyncAgentExecutorMixin,
)

__all__ = [
    "AgentBase",
    "AgentRegistry",
    "AsyncAgentBase",
    "AsyncAgentExecutorMixin",
    "Resource",
    "ResourceMeta",
    "SyncAgentBase",
    "SyncAgentExecutorMixin",
    "TaskCategory",
    "is_terminal_phase",
]
