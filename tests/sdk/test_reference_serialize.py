"""``pyflyte serialize`` and the backfill workflow against the reference flytekit 1.16.31.

``serialize workflows -f DIR`` and ``serialize fast workflows -f DIR`` of ``compile_flows`` must
write the same loose ``.pb`` files as the reference's (compared like the package test: SDK version
and upstream-node order normalized), and fast mode one code archive with the same name. The backfill
workflow generated for a daily launch plan must equal the one flytekit's ``create_backfill_workflow``
serializes.
"""

from __future__ import annotations

import datetime
import subprocess
import textwrap
from pathlib import Path

import pytest

from flyteidl.admin import launch_plan_pb2
from flyteidl.core import identifier_pb2
from flyteidl.core import workflow_pb2 as core_workflow_pb2
from flytekit.remote.backfills import backfill_plan, backfill_workflow
from flytekit.remote.entities import FlyteLaunchPlan
from tests.reference.venvs import ensure_venv
from tests.sdk.packages import compare, our_pyflyte, reference_pyflyte
from tests.sdk.test_reference_compile import FLOWS, IMAGES

pytestmark = pytest.mark.integration


def _serialize(pyflyte: str, out: Path, fast: bool) -> None:
    out.mkdir()
    args = [pyflyte, "--pkgs", "compile_flows", "serialize"]
    for image in IMAGES:
        args += ["--image", image]
    args += ["fast", "workflows", "-f", str(out)] if fast else ["workflows", "-f", str(out)]
    result = subprocess.run(args, cwd=FLOWS, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{pyflyte} serialize failed:\n{result.stdout}\n{result.stderr}"


@pytest.mark.parametrize("fast", [False, True], ids=["regular", "fast"])
def test_serialize_matches_reference_flytekit(tmp_path: Path, fast: bool) -> None:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    reference, ours = tmp_path / "reference", tmp_path / "ours"
    _serialize(str(reference_pyflyte(venv)), reference, fast)
    _serialize(str(our_pyflyte()), ours, fast)
    compare(reference, ours)
    archives = [sorted(p.name for p in folder.glob("fast*.tar.gz")) for folder in (reference, ours)]
    assert archives[0] == archives[1]
    assert len(archives[1]) == (1 if fast else 0)


REFERENCE_BACKFILL = """
    import datetime, sys
    from collections import OrderedDict
    from flytekit import CronSchedule, LaunchPlan, task, workflow
    from flytekit.configuration import ImageConfig, SerializationSettings
    from flytekit.remote.backfill import create_backfill_workflow
    from flytekit.tools.translator import get_serializable

    @task
    def stamp(t: datetime.datetime) -> str:
        return str(t)

    @workflow
    def wf(t: datetime.datetime) -> str:
        return stamp(t=t)

    lp = LaunchPlan.get_or_create(
        wf, name="nightly", schedule=CronSchedule(schedule="0 0 * * *", kickoff_time_input_arg="t")
    )
    settings = SerializationSettings(
        image_config=ImageConfig.auto_default_image(), project="p", domain="d", version="v"
    )
    for parallel in (False, True):
        generated, _, _ = create_backfill_workflow(
            datetime.datetime(2024, 1, 1), datetime.datetime(2024, 1, 5), lp, parallel=parallel
        )
        template = get_serializable(OrderedDict(), settings, generated).template.to_flyte_idl()
        data = template.SerializeToString(deterministic=True)
        sys.stdout.buffer.write(len(data).to_bytes(4, "big") + data)
"""


def test_backfill_workflows_match_reference_flytekit(tmp_path: Path) -> None:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    script = tmp_path / "backfill_ref.py"
    script.write_text(textwrap.dedent(REFERENCE_BACKFILL))
    result = subprocess.run([str(venv.bin("python")), str(script)], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    output = result.stdout
    for parallel in (False, True):
        size = int.from_bytes(output[:4], "big")
        expected = core_workflow_pb2.WorkflowTemplate()
        expected.ParseFromString(output[4 : 4 + size])
        output = output[4 + size :]
        _check_backfill(expected, parallel)


def _check_backfill(expected: core_workflow_pb2.WorkflowTemplate, parallel: bool) -> None:
    lp_id = identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN, project="p", domain="d", name="nightly", version="v"
    )
    spec = launch_plan_pb2.LaunchPlanSpec()
    spec.entity_metadata.schedule.cron_schedule.schedule = "0 0 * * *"
    spec.entity_metadata.schedule.kickoff_time_input_arg = "t"
    launch_plan = FlyteLaunchPlan(id=lp_id, spec=spec, closure=launch_plan_pb2.LaunchPlanClosure())
    plan = backfill_plan(launch_plan, datetime.datetime(2024, 1, 1), datetime.datetime(2024, 1, 5))
    workflow_id = identifier_pb2.Identifier(
        resource_type=identifier_pb2.WORKFLOW, project="p", domain="d", name="backfill-nightly", version="v"
    )
    ours = backfill_workflow(plan, workflow_id, parallel=parallel).template
    assert ours.SerializeToString(deterministic=True) == expected.SerializeToString(deterministic=True), (
        f"reference:\n{expected}\nours:\n{ours}"
    )
