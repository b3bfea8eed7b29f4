"""``Options``: settings applied to a launch plan at registration or to one execution at launch.

Labels, annotations, the raw-output prefix, the run-as security context, max parallelism,
notifications (or turning them off) and cache overwriting. Where an option is set it wins over
what the launch plan declares.
"""

from __future__ import annotations

from dataclasses import dataclass

from flytekit.models import common as common_models
from flytekit.models import security


@dataclass
class Options:
    """See the module docstring; every field is optional."""

    labels: common_models.Labels | None = None
    annotations: common_models.Annotations | None = None
    raw_output_data_config: common_models.RawOutputDataConfig | None = None
    security_context: security.SecurityContext | None = None
    max_parallelism: int | None = None
    notifications: list[common_models.Notification] | None = None
    disable_notifications: bool | None = None
    overwrite_cache: bool | None = None

    @classmethod
    def default_from(
        cls, k8s_service_account: str | None = None, raw_data_prefix: str | None = None
    ) -> Options:
        """Options running as ``k8s_service_account`` and writing raw data under ``raw_data_prefix``."""
        return cls(
            security_context=security.SecurityContext(
                run_as=security.Identity(k8s_service_account=k8s_service_account)
            )
            if k8s_service_account
            else None,
            raw_output_data_config=common_models.RawOutputDataConfig(output_location_prefix=raw_data_prefix)
            if raw_data_prefix
            else None,
        )
