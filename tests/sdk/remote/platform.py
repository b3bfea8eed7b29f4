"""A real Flyte backend for SDK client tests, started in-process on free loopback ports.

``RunningAdmin`` is flyteadmin on a SQLite file and a local blob folder (gRPC and HTTP on ports
picked by the OS). ``RunningPlatform`` adds the local propeller, whose task "pods" are subprocesses
running this venv's ``pyflyte-fast-execute`` -- the same path a sandbox takes. ``UserProject``
writes workflow code into a fresh folder under a package name no other test uses, so entity names
never collide between tests sharing one admin.
"""

from __future__ import annotations

import os
import sys
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from flyteadmin.executors import StoreWorkflowExecutor
from flyteadmin.main import AdminApp, build_admin
from flyteadmin.migrations import upgrade
from flyteadmin.repositories import Database
from flyteadmin.settings import AdminSettings
from flytekit.configuration import Config, PlatformConfig
from flytekit.remote import FlyteRemote
from flytekit.tools.module_loader import load_module_from_file
from flytepropeller.cluster.local import LocalCluster
from flytepropeller.events.grpc_sink import GrpcEventSink
from flytepropeller.local import LocalPropeller
from flytepropeller.settings import PropellerSettings
from flytestdlib.flyteworkflow import SqlWorkflowStore
from flytestdlib.storage import StorageSettings, store_for

PROJECT = "flytesnacks"
DOMAIN = "development"


@dataclass
class RunningAdmin:
    """An admin serving on loopback; ``config`` points a client at its gRPC port."""

    app: AdminApp
    data_dir: Path
    database_url: str
    storage: StorageSettings

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.app.grpc_port}"

    @property
    def config(self) -> Config:
        return Config(platform=PlatformConfig(endpoint=f"dns:///{self.endpoint}", insecure=True))

    def remote(self) -> FlyteRemote:
        return FlyteRemote(self.config, default_project=PROJECT, default_domain=DOMAIN)

    def write_config_file(self, folder: Path) -> Path:
        """A flytectl-style YAML config pointing at this admin."""
        path = folder / "config.yaml"
        path.write_text(f"admin:\n  endpoint: dns:///{self.endpoint}\n  insecure: true\n")
        return path


def start_admin(data_dir: Path) -> tuple[RunningAdmin, SqlWorkflowStore]:
    data_dir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{data_dir / 'admin.db'}"
    storage = StorageSettings(kind="local", root=data_dir / "blobs")
    settings = AdminSettings(
        database_url=url, grpc_port=0, http_port=0, storage=storage, logs_dir=data_dir / "logs"
    )
    upgrade(url)
    store = SqlWorkflowStore(Database(url).write_engine)
    app = build_admin(
        settings, executor=StoreWorkflowExecutor(store, namespace_template=settings.namespace_template)
    )
    app.start()
    return RunningAdmin(app=app, data_dir=data_dir, database_url=url, storage=storage), store


@dataclass
class RunningPlatform:
    """Admin plus the local propeller: executions really run."""

    admin: RunningAdmin
    propeller: LocalPropeller


def run_platform(data_dir: Path) -> Iterator[RunningPlatform]:
    """Admin and propeller for the duration of the generator (a fixture body)."""
    admin, store = start_admin(data_dir)
    venv_bin = str(Path(sys.executable).parent)
    saved_path = os.environ.get("PATH", "")
    os.environ["PATH"] = os.pathsep.join([venv_bin, saved_path])
    sink = GrpcEventSink(admin.endpoint)
    propeller = LocalPropeller(
        store,
        store_for(admin.storage),
        LocalCluster(data_dir, task_path_prefix=[venv_bin]),
        sink,
        PropellerSettings(poll_interval=0.05),
    )
    propeller.start()
    try:
        yield RunningPlatform(admin=admin, propeller=propeller)
    finally:
        propeller.stop()
        sink.close()
        admin.app.stop()
        os.environ["PATH"] = saved_path


class UserProject:
    """A project root holding one uniquely named package of user workflow modules."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.package = f"userpkg_{uuid.uuid4().hex[:10]}"
        (root / self.package).mkdir(parents=True)
        (root / self.package / "__init__.py").write_text("")

    def write(self, module: str, source: str) -> Path:
        path = self.root / self.package / f"{module}.py"
        path.write_text(textwrap.dedent(source))
        return path

    def module_name(self, module: str) -> str:
        return f"{self.package}.{module}"

    def load(self, module: str) -> ModuleType:
        return load_module_from_file(self.root / self.package / f"{module}.py")

    def forget(self) -> None:
        """Drop the package from ``sys.modules`` and its root from ``sys.path``."""
        for name in [n for n in sys.modules if n == self.package or n.startswith(f"{self.package}.")]:
            del sys.modules[name]
        root = str(self.root.resolve())
        while root in sys.path:
            sys.path.remove(root)


HELLO = """
    import typing
    from flytekit import task, workflow

    @task
    def say(name: str, times: int) -> str:
        return " ".join([f"hello {name}"] * times)

    @task
    def total(xs: typing.List[int], scale: float) -> float:
        return sum(xs) * scale

    @workflow
    def wf(name: str = "bob", times: int = 2, xs: typing.List[int] = [1, 2, 3], scale: float = 1.5
           ) -> typing.Tuple[str, float]:
        return say(name=name, times=times), total(xs=xs, scale=scale)
"""

BOOM = """
    from flytekit import task, workflow

    @task
    def explode(n: int) -> int:
        raise ValueError(f"bad n {n}")

    @workflow
    def wf(n: int = 1) -> int:
        return explode(n=n)
"""


# ---------------------------------------------------------------- fixtures (imported by conftest.py files)
@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningAdmin]:
    """An admin shared by the tests of one module (entity names are unique per test)."""
    running, _ = start_admin(tmp_path_factory.mktemp("admin"))
    try:
        yield running
    finally:
        running.app.stop()


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """Admin and local propeller shared by the tests of one module."""
    yield from run_platform(tmp_path_factory.mktemp("platform"))


@pytest.fixture
def user_project(tmp_path: Path) -> Iterator[UserProject]:
    project = UserProject(tmp_path / "project")
    try:
        yield project
    finally:
        project.forget()
