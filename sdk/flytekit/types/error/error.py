"""``FlyteError``: why a workflow failed, as its failure handler receives it (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FlyteError:
    """Why a workflow failed: the message and the id of the failed node."""

    message: str
    failed_node_id: str
