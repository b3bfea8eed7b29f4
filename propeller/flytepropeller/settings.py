"""Settings of the execution engine, built once by the process that runs propeller and passed in.

Names and defaults follow Flyte's propeller configuration (flyte-propeller.md §2): metadata prefix
``metadata/propeller``, streaks of 8 rounds, 10 workflow-level system retries, 3 node-level system
retries and one attempt per node unless a retry strategy asks for more.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class PropellerSettings(BaseModel):
    """Everything that shapes how propeller runs workflows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    metadata_prefix: str = Field(
        default="metadata/propeller",
        description="Folder under the blob store base that holds execution metadata.",
    )
    raw_output_prefix: str = Field(
        default="",
        description="Raw output prefix for executions that do not set one; empty means '<blob base>/raw'.",
    )
    producer_id: str = Field(
        default="propeller", description="The cluster id sent as producer_id in every event."
    )
    poll_interval: float = Field(
        default=0.2, gt=0, description="Seconds between polls of the workflow store."
    )
    max_streak_length: int = Field(
        default=8, description="Rounds in a row on one workflow while each write changes it."
    )
    workers: int = Field(default=4, ge=1, description="Workflows handled concurrently.")
    max_workflow_retries: int = Field(
        default=10, ge=0, description="Round errors tolerated before a workflow fails."
    )
    max_node_retries_system_failures: int = Field(
        default=3, ge=0, description="System failures a node may retry."
    )
    default_max_attempts: int = Field(
        default=1, ge=1, description="Attempts of a node without a retry strategy."
    )
    max_plugin_phase_versions: int = Field(default=100_000, ge=1, description="Cap on plugin phase versions.")
    admin_poll_interval: float = Field(
        default=1.0,
        ge=0,
        description="Seconds between admin look-ups of one waiting node (gate signals, child executions).",
    )
    default_env_vars: dict[str, str] = Field(
        default_factory=dict, description="Environment variables added to every task container."
    )
