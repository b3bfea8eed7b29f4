"""Entity names and loader arguments: importable module names, ``__main__`` scripts, instance tasks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flytekit.core.tracker import module_name_from_file, package_root_for


def make_package(root: Path) -> Path:
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "sub" / "__init__.py").write_text("")
    return root / "pkg" / "sub"


def test_module_names_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLYTE_PYTHON_PACKAGE_ROOT", raising=False)
    sub = make_package(tmp_path)
    assert package_root_for(sub / "mod.py") == tmp_path.resolve()
    assert module_name_from_file(sub / "mod.py") == "pkg.sub.mod"
    assert module_name_from_file(sub / "__init__.py") == "pkg.sub"
    monkeypatch.setenv("FLYTE_PYTHON_PACKAGE_ROOT", str(tmp_path / "pkg"))
    assert module_name_from_file(sub / "mod.py") == "sub.mod"


def run_python(code: str, cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args] if args else [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_scripts_run_as_main_get_their_importable_name(tmp_path: Path) -> None:
    sub = make_package(tmp_path)
    (sub / "script.py").write_text(
        textwrap.dedent(
            """
            from flytekit import task

            @task
            def hello(name: str) -> str:
                return name

            print(hello.name)
            """
        )
    )
    assert run_python("", tmp_path, str(sub / "script.py")) == "pkg.sub.script.hello"


def test_instance_tasks_are_loaded_by_their_variable(tmp_path: Path) -> None:
    sub = make_package(tmp_path)
    (sub / "instances.py").write_text(
        textwrap.dedent(
            """
            from typing import Any

            from flytekit import PythonInstanceTask
            from flytekit.core.interface import Interface


            class Echo(PythonInstanceTask):
                def execute(self, **kwargs: Any) -> Any:
                    return kwargs["x"]


            echo_task = Echo(name="my-echo", task_config=None, interface=Interface({"x": int}, {"o0": int}))
            """
        )
    )
    code = textwrap.dedent(
        """
        from flytekit.configuration import ImageConfig, SerializationSettings
        from flytekit.core.python_auto_container import default_task_resolver
        from pkg.sub.instances import echo_task

        settings = SerializationSettings(ImageConfig.auto(img_name="img:1"))
        args = default_task_resolver.loader_args(settings, echo_task)
        print(echo_task.name, args, default_task_resolver.load_task(args) is echo_task, echo_task(x=4))
        """
    )
    out = run_python(code, tmp_path)
    assert out == "my-echo ['task-module', 'pkg.sub.instances', 'task-name', 'echo_task'] True 4"
