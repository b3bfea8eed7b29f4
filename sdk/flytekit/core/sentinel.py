"""Sentinel values shared by the artifact modules and the interface checks.

``DYNAMIC_INPUT_BINDING`` marks a partition (or time partition) of a published artifact whose
value is neither static nor bound to an input: the task supplies it at run time
(``Artifact.create_from``). Tasks may leave partitions dynamic; workflows may not.
"""

from __future__ import annotations

from flyteidl.core import artifact_id_pb2

DYNAMIC_INPUT_BINDING = artifact_id_pb2.LabelValue(runtime_binding=artifact_id_pb2.RuntimeBinding())
