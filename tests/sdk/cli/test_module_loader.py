"""Module naming and loading: files, package folders and plain folders, as flytekit names them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flytekit.errors import FlyteEntityNotExistException
from flytekit.tools.module_loader import (
    ModuleLoadError,
    find_common_root,
    load_module_from_file,
    load_object_from_module,
    load_packages_and_modules,
    resolve_modules,
)


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``proj/pkg`` is a package, ``proj/plain`` a folder without ``__init__.py``."""
    files = {
        "proj/pkg/__init__.py": "",
        "proj/pkg/alpha.py": "VALUE = 'alpha'\n",
        "proj/pkg/sub/__init__.py": "",
        "proj/pkg/sub/beta.py": "VALUE = 'beta'\n",
        "proj/plain/gamma.py": "VALUE = 'gamma'\n",
        "proj/broken_mod.py": "raise RuntimeError('boom at import')\n",
    }
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    monkeypatch.delenv("FLYTE_PYTHON_PACKAGE_ROOT", raising=False)
    monkeypatch.chdir(tmp_path / "proj")
    saved_path = list(sys.path)
    yield tmp_path / "proj"
    sys.path[:] = saved_path
    for name in [n for n in sys.modules if n.split(".")[0] in {"pkg", "plain", "gamma", "broken_mod"}]:
        del sys.modules[name]


def test_file_in_package_is_named_from_the_first_non_package_ancestor(layout: Path) -> None:
    assert resolve_modules(["pkg/sub/beta.py"]) == [(layout.resolve(), "pkg.sub.beta")]


def test_file_in_plain_folder_is_a_top_level_module(layout: Path) -> None:
    assert resolve_modules(["plain/gamma.py"]) == [((layout / "plain").resolve(), "gamma")]


def test_folders_are_packages_named_from_above(layout: Path) -> None:
    assert resolve_modules(["pkg", "plain"]) == [(layout.resolve(), "pkg"), (layout.resolve(), "plain")]


def test_dotted_names_pass_through_and_missing_files_are_errors(layout: Path) -> None:
    assert resolve_modules(["some.module"]) == [(None, "some.module")]
    with pytest.raises(ModuleLoadError, match="does not exist"):
        resolve_modules(["missing.py"])


def test_loading_a_package_imports_every_module_below_it(layout: Path) -> None:
    names = [m.__name__ for m in load_packages_and_modules(["pkg"])]
    assert names == ["pkg", "pkg.alpha", "pkg.sub", "pkg.sub.beta"]


def test_loading_a_plain_folder_imports_it_as_a_namespace_package(layout: Path) -> None:
    names = [m.__name__ for m in load_packages_and_modules(["plain"])]
    assert names == ["plain", "plain.gamma"]
    assert sys.modules["plain.gamma"].VALUE == "gamma"


def test_load_module_from_file_keeps_root_on_sys_path(layout: Path) -> None:
    module = load_module_from_file(layout / "pkg" / "alpha.py")
    assert module.__name__ == "pkg.alpha"
    assert str(layout.resolve()) in sys.path


def test_import_errors_name_the_module(layout: Path) -> None:
    with pytest.raises(ModuleLoadError, match=r"broken_mod.*RuntimeError: boom at import"):
        load_module_from_file(layout / "broken_mod.py")


def test_common_root_of_several_inputs(layout: Path) -> None:
    assert find_common_root(["pkg/alpha.py", "plain"]) == layout.resolve()


def test_load_object_from_module(layout: Path) -> None:
    load_module_from_file(layout / "pkg" / "alpha.py")
    assert load_object_from_module("pkg.alpha.VALUE") == "alpha"
    with pytest.raises(FlyteEntityNotExistException, match="no attribute 'NOPE'"):
        load_object_from_module("pkg.alpha.NOPE")
