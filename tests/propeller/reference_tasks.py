"""Task templates compiled by the reference flytekit 1.16.31 (its own venv, built on first use), and a
platform whose task processes run the reference's entry points."""

from __future__ import annotations

import textwrap
from pathlib import Path

from flyteidl.core import tasks_pb2
from flytepropeller.cluster import LocalCluster
from tests.propeller.conftest import LOGS_TEMPLATE, Platform
from tests.reference.venvs import ReferenceVenv, ensure_venv

SERIALIZE = textwrap.dedent(
    """
    import importlib, sys
    from collections import OrderedDict
    from flytekit.configuration import ImageConfig, SerializationSettings
    from flytekit.tools.translator import get_serializable

    out, module_name, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    module = importlib.import_module(module_name)
    settings = SerializationSettings(
        image_config=ImageConfig.auto_default_image(), project="flytesnacks", domain="development", version="v1"
    )
    for name in names:
        spec = get_serializable(OrderedDict(), settings, getattr(module, name))
        with open(f"{out}/{name}.pb", "wb") as written:
            written.write(spec.template.to_flyte_idl().SerializeToString())
    """
)


def reference_venv() -> ReferenceVenv:
    return ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])


def compile_reference_tasks(
    tmp_path: Path, module_name: str, source: str, names: tuple[str, ...]
) -> dict[str, tasks_pb2.TaskTemplate]:
    """Write ``source`` as ``<tmp_path>/code/<module_name>.py`` and serialize ``names`` with the reference."""
    code = tmp_path / "code"
    code.mkdir()
    (code / f"{module_name}.py").write_text(source)
    (code / "serialize.py").write_text(SERIALIZE)
    result = reference_venv().run(
        "serialize.py", str(code), module_name, *names, cwd=code, capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return {name: tasks_pb2.TaskTemplate.FromString((code / f"{name}.pb").read_bytes()) for name in names}


def reference_platform(platform: Platform) -> Platform:
    """``platform`` with task processes finding the reference's ``pyflyte-execute`` first on PATH."""
    platform.cluster = LocalCluster(
        platform.root / "cluster",
        task_path_prefix=[str(reference_venv().root / "bin")],
        logs_url_template=LOGS_TEMPLATE,
    )
    return platform
