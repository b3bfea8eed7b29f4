"""Template-driven tasks: serialization of PythonCustomizedContainerTask, SQLite3Task in-process, and
``pyflyte-execute`` loading a task from its template through the task template resolver."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from flyteidl.admin import task_pb2
from flyteidl.core import errors_pb2, execution_pb2, literals_pb2, tasks_pb2
from flytekit import StructuredDataset, kwtypes
from flytekit.configuration import FastSerializationSettings, ImageConfig, SerializationSettings
from flytekit.core.class_based_resolver import ClassStorageTaskResolver
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.interface import Interface
from flytekit.core.python_customized_container_task import (
    PythonCustomizedContainerTask,
    default_task_template_resolver,
)
from flytekit.core.python_function_task import PythonFunctionTask
from flytekit.core.shim_task import ExecutableTemplateShimTask, ShimTaskExecutor
from flytekit.core.type_engine import TypeEngine
from flytekit.errors import FlyteAssertion
from flytekit.extras.sqlite3.task import SQLite3Config, SQLite3Task, unarchive_file
from flytekit.tools.translator import get_serializable
from tests.services.s3 import S3Bucket, S3Server

BIN = Path(sys.executable).parent
RESOLVER = "flytekit.core.python_customized_container_task.default_task_template_resolver"
EXECUTOR = "flytekit.extras.sqlite3.task.SQLite3TaskExecutor"
SETTINGS = SerializationSettings(
    project="p", domain="d", version="v1", image_config=ImageConfig.auto(img_name="img:1")
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "pets.db"
    with sqlite3.connect(path) as con:
        con.execute("create table pets (name text, legs integer)")
        con.executemany("insert into pets values (?, ?)", [("cat", 4), ("bird", 2), ("snake", 0)])
    con.close()
    return path


def pets_task(uri: str, compressed: bool = False) -> SQLite3Task:
    return SQLite3Task(
        name="test.pets",
        query_template="select name, legs from pets where legs >= {{ .inputs.min_legs }} order by name",
        inputs=kwtypes(min_legs=int),
        output_schema_type=StructuredDataset,
        task_config=SQLite3Config(uri=uri, compressed=compressed),
    )


def template_of(task: Any) -> tasks_pb2.TaskTemplate:
    spec = get_serializable(OrderedDict(), SETTINGS, task)
    assert isinstance(spec, task_pb2.TaskSpec)
    return spec.template


def test_the_container_runs_the_executor_from_the_template_path(db: Path) -> None:
    template = template_of(pets_task(str(db)))
    assert template.type == "sqlite"
    assert list(template.container.args) == [
        "pyflyte-execute",
        "--inputs", "{{.input}}",
        "--output-prefix", "{{.outputPrefix}}",
        "--raw-output-data-prefix", "{{.rawOutputDataPrefix}}",
        "--resolver", RESOLVER,
        "--", "{{.taskTemplatePath}}", EXECUTOR,
    ]  # fmt: skip
    assert dict(template.custom) == {
        "query_template": "select name, legs from pets where legs >= {{ .inputs.min_legs }} order by name",
        "uri": str(db),
        "compressed": False,
    }


def test_customized_container_tasks_are_never_fast_registered(db: Path) -> None:
    fast = SerializationSettings(
        image_config=ImageConfig.auto(img_name="img:1"),
        fast_serialization_settings=FastSerializationSettings(enabled=True, destination_dir="/root"),
    )
    container = pets_task(str(db)).get_container(fast)
    assert container.args[0] == "pyflyte-execute"


def test_sqlite_task_runs_locally_on_plain_and_archived_databases(db: Path, tmp_path: Path) -> None:
    plain = pets_task(str(db))(min_legs=2).open(pd.DataFrame).all()
    assert plain.values.tolist() == [["bird", 2], ["cat", 4]]
    packed = tmp_path / "packed"
    packed.mkdir()
    shutil.copy(db, packed / "pets.db")
    archive = shutil.make_archive(str(tmp_path / "pets"), "gztar", packed)
    zipped = pets_task(archive, compressed=True)(min_legs=0).open(pd.DataFrame).all()
    assert zipped["name"].tolist() == ["bird", "cat", "snake"]


def test_an_archive_must_hold_exactly_one_file(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.db").write_text("a")
    (folder / "b.db").write_text("b")
    archive = shutil.make_archive(str(tmp_path / "two"), "zip", folder)
    with pytest.raises(RuntimeError, match="exactly one file"):
        unarchive_file(archive, str(tmp_path / "out"))


def test_a_task_without_database_or_custom_is_refused() -> None:
    with pytest.raises(ValueError, match="SQLite3Config"):
        SQLite3Task(name="test.no_db", query_template="select 1")

    class Executor(ShimTaskExecutor[Any]):
        pass

    bare = PythonCustomizedContainerTask(
        name="test.bare", task_config=None, container_image="img:2", executor_type=Executor
    )
    with pytest.raises(NotImplementedError, match="get_custom"):
        bare.get_custom(SETTINGS)
    with pytest.raises(FlyteAssertion, match="ShimTaskExecutor subclass"):
        PythonCustomizedContainerTask(
            name="test.bad",
            task_config=None,
            container_image="img:2",
            executor_type=dict,  # type: ignore[arg-type]
        )
    with pytest.raises(NotImplementedError, match="execute_from_model"):
        Executor().execute_from_model(scaled.task_template)


class Scale(ShimTaskExecutor[Any]):
    """Reads its factor from the template: a Struct number, so a float once serialized."""

    def execute_from_model(self, tt: Any, **kwargs: Any) -> Any:
        return kwargs["x"] * tt.custom["factor"], tt.id.name


class Scaled(PythonCustomizedContainerTask[float]):
    def get_custom(self, settings: SerializationSettings) -> dict[str, Any]:
        return {"factor": self.task_config}


scaled = Scaled(
    name="test.scaled",
    task_config=2.5,
    container_image="img:3",
    executor_type=Scale,
    interface=Interface(inputs=kwtypes(x=float), outputs=kwtypes(y=float, name=str)),
)


def test_a_custom_executor_gets_the_template_and_native_inputs() -> None:
    assert scaled(x=4.0) == (10.0, "test.scaled")
    template = template_of(scaled)
    assert list(template.container.args)[-2:] == ["{{.taskTemplatePath}}", f"{__name__}.Scale"]
    assert template.custom["factor"] == 2.5


def execute(template_uri: str, inputs: str, out: str, env: dict[str, str] | None = None) -> str:
    args = [
        str(BIN / "pyflyte-execute"),
        "--inputs", inputs,
        "--output-prefix", out,
        "--raw-output-data-prefix", out + "/raw",
        "--resolver", RESOLVER,
        "--", template_uri, EXECUTOR,
    ]  # fmt: skip
    result = subprocess.run(
        args,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def write_inputs(path: Path, min_legs: int) -> None:
    ctx = FlyteContextManager.current_context()
    path.write_bytes(
        TypeEngine.dict_to_literal_map(ctx, {"min_legs": min_legs}, {"min_legs": int}).SerializeToString()
    )


def read_frame(outputs: bytes) -> pd.DataFrame:
    literal = literals_pb2.LiteralMap.FromString(outputs).literals["results"]
    ctx = FlyteContextManager.current_context()
    dataset: StructuredDataset = TypeEngine.to_python_value(ctx, literal, StructuredDataset)
    return dataset.open(pd.DataFrame).all()


def test_pyflyte_execute_loads_the_template_and_runs_the_query(db: Path, tmp_path: Path) -> None:
    (tmp_path / "task.pb").write_bytes(template_of(pets_task(str(db))).SerializeToString())
    write_inputs(tmp_path / "inputs.pb", 1)
    execute(str(tmp_path / "task.pb"), str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    frame = read_frame((tmp_path / "out" / "outputs.pb").read_bytes())
    assert frame.values.tolist() == [["bird", 2], ["cat", 4]]


def test_an_unfilled_template_path_is_a_user_error(tmp_path: Path) -> None:
    write_inputs(tmp_path / "inputs.pb", 1)
    execute("{{.taskTemplatePath}}", str(tmp_path / "inputs.pb"), str(tmp_path / "out"))
    assert sorted(os.listdir(tmp_path / "out")) == ["error.pb"]
    error = errors_pb2.ErrorDocument.FromString((tmp_path / "out" / "error.pb").read_bytes()).error
    assert error.origin == execution_pb2.ExecutionError.USER
    assert "was not filled in" in error.message


def test_template_database_inputs_and_outputs_on_s3(
    db: Path, tmp_path: Path, s3_server: S3Server, s3_bucket: S3Bucket
) -> None:
    packed = tmp_path / "packed"
    packed.mkdir()
    shutil.copy(db, packed / "pets.db")
    archive = shutil.make_archive(str(tmp_path / "pets"), "zip", packed)
    s3_bucket.client.upload_file(archive, s3_bucket.name, "dbs/pets.zip")
    template = template_of(pets_task(f"s3://{s3_bucket.name}/dbs/pets.zip", compressed=True))
    s3_bucket.client.put_object(
        Bucket=s3_bucket.name, Key="wf/n0/data/task.pb", Body=template.SerializeToString()
    )
    write_inputs(tmp_path / "inputs.pb", 4)
    s3_bucket.client.upload_file(str(tmp_path / "inputs.pb"), s3_bucket.name, "wf/n0/data/inputs.pb")
    env = {
        "FLYTE_AWS_ENDPOINT": s3_server.endpoint_url,
        "FLYTE_AWS_ACCESS_KEY_ID": s3_server.access_key_id,
        "FLYTE_AWS_SECRET_ACCESS_KEY": s3_server.secret_access_key,
    }
    base = f"s3://{s3_bucket.name}/wf/n0/data"
    execute(f"{base}/task.pb", f"{base}/inputs.pb", f"{base}/0", env)
    body = s3_bucket.client.get_object(Bucket=s3_bucket.name, Key="wf/n0/data/0/outputs.pb")["Body"].read()
    uri = literals_pb2.LiteralMap.FromString(body).literals["results"].scalar.structured_dataset.uri
    assert uri.startswith(f"s3://{s3_bucket.name}/wf/n0/data/0/raw/")


def test_the_template_resolver_checks_its_arguments() -> None:
    with pytest.raises(FlyteAssertion, match="expects '<task template path> <executor class path>'"):
        default_task_template_resolver.load_task(["only-one"])
    plain = PythonFunctionTask(task_config=None, task_function=_triple)
    with pytest.raises(FlyteAssertion, match="no executor_type"):
        default_task_template_resolver.loader_args(SETTINGS, plain)
    assert default_task_template_resolver.get_all_tasks() == []


def _triple(x: int) -> int:
    return 3 * x


class Storage(ClassStorageTaskResolver):
    pass


storage = Storage()
triple = PythonFunctionTask(task_config=None, task_function=_triple, task_resolver=storage)
storage.add(triple)


def test_class_storage_resolver_names_tasks_by_index() -> None:
    assert storage.loader_args(SETTINGS, triple) == ["0"]
    assert storage.load_task(["0"]) is triple
    assert storage.get_all_tasks() == [triple]
    assert list(template_of(triple).container.args)[-4:] == ["--resolver", f"{__name__}.storage", "--", "0"]
    with pytest.raises(FlyteAssertion, match="there is no task 3"):
        storage.load_task(["3"])
    with pytest.raises(FlyteAssertion, match="one index argument"):
        storage.load_task(["0", "1"])
    with pytest.raises(ValueError, match="never added"):
        storage.loader_args(SETTINGS, PythonFunctionTask(task_config=None, task_function=_triple))


def test_a_shim_task_is_what_the_resolver_loads(db: Path, tmp_path: Path) -> None:
    template_path = tmp_path / "task.pb"
    template_path.write_bytes(template_of(pets_task(str(db))).SerializeToString())
    loaded = default_task_template_resolver.load_task([str(template_path), EXECUTOR])
    assert isinstance(loaded, ExecutableTemplateShimTask)
    assert loaded.name == "test.pets"
    assert loaded.task_template.custom == {
        "query_template": "select name, legs from pets where legs >= {{ .inputs.min_legs }} order by name",
        "uri": str(db),
        "compressed": False,
    }


def test_the_database_is_downloaded_from_an_http_url(db: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    packed = tmp_path / "packed"
    packed.mkdir()
    shutil.copy(db, packed / "pets.db")
    shutil.make_archive(str(site / "pets"), "zip", packed)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/pets.zip"
        frame = pets_task(url, compressed=True)(min_legs=4).open(pd.DataFrame).all()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert frame.values.tolist() == [["cat", 4]]
