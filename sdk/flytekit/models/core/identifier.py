"""Identifier names under flytekit's ``flytekit.models.core.identifier`` path.

``ResourceType`` holds the IDL's resource-type numbers as plain ints, the way flytekit exposes
them (``ResourceType.TASK == 1``), for ``get_reference_entity`` and similar calls.
"""

from __future__ import annotations


class ResourceType:
    """Kinds of registered entity (values of ``flyteidl.core.ResourceType``)."""

    UNSPECIFIED = 0
    TASK = 1
    WORKFLOW = 2
    LAUNCH_PLAN = 3
    DATASET = 4
