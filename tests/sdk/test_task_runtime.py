"""What a running task can use: secrets, checkpoints, stats, ids and attributes of
``current_context()``; ``Environment``; secret requests and cache settings in the compiled task."""

from __future__ import annotations

import os
import typing
from collections import OrderedDict
from pathlib import Path

import pytest

from flyteidl.admin import task_pb2
from flyteidl.core import security_pb2
from flytekit import Cache, Environment, Secret, current_context, task, workflow
from flytekit.configuration import ImageConfig, SecretsConfig, SerializationSettings
from flytekit.core.cache import VersionParameters
from flytekit.core.secrets import SecretsManager
from flytekit.tools.translator import get_serializable

SETTINGS = SerializationSettings(image_config=ImageConfig.auto(img_name="img:1"))


@task(secret_requests=[Secret(group="db", key="pw"), Secret(group="api", key="token", group_version="v1")])
def reads_secrets() -> str:
    s = current_context().secrets
    return (
        f"{s.get('db', 'pw')}/{s.api.token if False else s.get('api', 'token', group_version='v1')}/{s.db.pw}"
    )


@task
def ids_and_dirs() -> str:
    ctx = current_context()
    assert ctx.execution_id is not None and ctx.task_id is not None
    return f"{ctx.execution_id.name}:{ctx.task_id.name}:{ctx.working_directory}"


@workflow
def two_tasks() -> tuple[str, str]:
    return ids_and_dirs(), ids_and_dirs()


@pytest.fixture
def secrets_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "secrets"
    monkeypatch.setenv("FLYTE_SECRETS_DEFAULT_DIR", str(folder))
    for name in ("_FSEC_DB_PW", "DB_PW", "_FSEC_API_V1_TOKEN", "API_V1_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_secrets_from_prefixed_and_plain_env_vars(secrets_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_FSEC_DB_PW", "  from-cluster-var \n")
    monkeypatch.setenv("API_V1_TOKEN", "from-plain-var")
    assert reads_secrets() == "from-cluster-var/from-plain-var/from-cluster-var"


def test_secrets_from_files(secrets_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (secrets_dir / "db").mkdir(parents=True)
    (secrets_dir / "db" / "pw").write_text("file-pw\n")
    (secrets_dir / "api" / "v1").mkdir(parents=True)
    (secrets_dir / "api" / "v1" / "token").write_text("file-token")
    assert reads_secrets() == "file-pw/file-token/file-pw"
    manager = SecretsManager(SecretsConfig(default_dir=str(secrets_dir), file_prefix="p-"))
    assert manager.get_secrets_file("DB", "PW") == str(secrets_dir / "db" / "p-pw")
    assert manager.get_secrets_env_var("db", "pw", "v2") == "_FSEC_DB_V2_PW"


def test_missing_secret_names_both_places(secrets_dir: Path) -> None:
    with pytest.raises(
        ValueError, match=r"secret_requests=\[Secret\(group=db, key=pw\)\].*_FSEC_DB_PW|DB_PW"
    ):
        SecretsManager().get("db", "pw")


def test_unprefixed_names_only_count_in_local_runs(
    secrets_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flytekit.core.context_manager import ExecutionState, FlyteContextManager

    monkeypatch.setenv("DB_PW", "plain")
    ctx = FlyteContextManager.current_context()
    in_cluster = ctx.new_execution_state().with_params(mode=ExecutionState.Mode.TASK_EXECUTION)
    with (
        FlyteContextManager.with_context(ctx.with_execution_state(in_cluster)),
        pytest.raises(ValueError, match="Unable to find secret"),
    ):
        SecretsManager().get("db", "pw")


def test_secret_requests_are_compiled_into_the_security_context() -> None:
    spec = get_serializable(OrderedDict(), SETTINGS, reads_secrets)
    assert isinstance(spec, task_pb2.TaskSpec)
    assert list(spec.template.security_context.secrets) == [
        security_pb2.Secret(group="db", key="pw"),
        security_pb2.Secret(group="api", key="token", group_version="v1"),
    ]
    plain = get_serializable(OrderedDict(), SETTINGS, ids_and_dirs)
    assert isinstance(plain, task_pb2.TaskSpec) and not plain.template.HasField("security_context")


def test_each_task_invocation_gets_its_own_working_directory() -> None:
    first, second = two_tasks()
    assert first.split(":")[:2] == ["local", "local"]
    assert first != second and os.path.isdir(first.split(":", 2)[2])


def test_local_checkpoint_and_stats() -> None:
    @task
    def checkpointing() -> str:
        ctx = current_context()
        ctx.stats.incr("calls")
        ctx.stats.gauge("depth", 3)
        cp = ctx.checkpoint
        cp.write(b"one")
        saved = Path(cp.checkpoint_dest) / "_dst_cp"  # type: ignore[attr-defined]
        return f"{cp.prev_exists()}:{cp.read()!r}:{saved.read_bytes().decode()}:{ctx.stats.current_value['calls']}"

    assert checkpointing() == "False:None:one:1"
    with pytest.raises(NotImplementedError):
        _ = current_context().checkpoint


def test_task_type_attributes() -> None:
    from flytekit.core.context_manager import ExecutionParameters

    params = ExecutionParameters.local("/tmp").with_task_sandbox("/tmp")
    params._attrs["SPARK_SESSION"] = "session"
    assert params.has_attr("spark_session") and params.get("spark_session") == "session"
    assert params.spark_session == "session"
    with pytest.raises(AssertionError, match="not available"):
        params.get("nope")


def test_environment_merges_task_arguments() -> None:
    env = Environment(retries=1, environment={"A": "1"})
    bigger = env.extend(environment={"B": "2"})

    @bigger(retries=4)  # type: ignore[untyped-decorator]
    def t(x: int) -> int:
        return x

    assert t.metadata.retries == 4 and t.environment == {"A": "1", "B": "2"}
    assert env.overrides == {"retries": 1, "environment": {"A": "1"}}
    env.update(environment={"C": "3"})
    assert env.overrides["environment"] == {"A": "1", "C": "3"}
    with pytest.raises(KeyError):
        Environment(_task_function=len)
    with pytest.raises(ValueError, match="callable"):
        env.task(typing.cast(typing.Any, 3))


def test_cache_versions_from_policies() -> None:
    class SourcePolicy:
        def get_version(self, salt: str, params: VersionParameters) -> str:
            return salt + params.func.__name__

    @task(cache=Cache(policies=SourcePolicy(), salt="s", ignored_inputs=("y",)))
    def cached(x: int, y: int) -> int:
        return x

    import hashlib

    assert cached.metadata.cache_version == hashlib.sha256(b"scached").hexdigest()
    assert cached.metadata.cache_ignore_input_vars == ("y",)

    class Broken:
        def get_version(self, salt: str, params: VersionParameters) -> str:
            raise RuntimeError("no")

    with pytest.raises(ValueError, match="Failed to generate version"):
        Cache(policies=[Broken()]).get_version(VersionParameters(func=len))
