"""Where entities live: the importable module and attribute name behind each task and resolver.

A task's Flyte name is ``<module>.<function>`` and its container finds it again with
``task-module <module> task-name <attribute>``, so both must be *importable* names. Functions know
their module (``__module__``); objects created by calling a class (instance tasks, task resolvers)
are tracked by ``InstanceTrackingMeta``, which records the module whose top-level code created them,
and find their attribute name by scanning that module.

When code runs as ``__main__`` the module name is rebuilt from the file path, relative to the
package root: ``FLYTE_PYTHON_PACKAGE_ROOT`` if set (a folder, or ``auto``), else the first ancestor
folder without an ``__init__.py``.
"""

from __future__ import annotations

import abc
import functools
import importlib
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

from flytekit.errors import FlyteValidationException

PACKAGE_ROOT_ENV_VAR = "FLYTE_PYTHON_PACKAGE_ROOT"


def _creating_module_name(frame: FrameType | None) -> str | None:
    """The ``__name__`` of the first enclosing frame that runs module-level code."""
    while frame is not None:
        if frame.f_code.co_name == "<module>":
            name = frame.f_globals.get("__name__")
            return name if isinstance(name, str) else None
        frame = frame.f_back
    return None


class InstanceTrackingMeta(abc.ABCMeta):
    """Metaclass recording, on every instantiation, the module whose top-level code made the object."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        instance = super().__call__(*args, **kwargs)
        module = _creating_module_name(sys._getframe(1))
        if module is not None and getattr(instance, "_instantiated_in", None) is None:
            instance._instantiated_in = module
        return instance


class TrackedInstance(metaclass=InstanceTrackingMeta):
    """Base for objects that must be found again by module and attribute name (``location``)."""

    _instantiated_in: str | None = None
    _lhs: str | None = None

    @property
    def instantiated_in(self) -> str:
        if self._instantiated_in is None:
            raise FlyteValidationException(
                f"{type(self).__name__} object was not created by module-level code, so its module is "
                "unknown; create it at the top level of an importable module."
            )
        if self._instantiated_in == "__main__":
            main = sys.modules.get("__main__")
            file = getattr(main, "__file__", None)
            if file:
                return module_name_from_file(file)
        module_file = getattr(sys.modules.get(self._instantiated_in), "__file__", None)
        return full_module_name(self._instantiated_in, module_file) if module_file else self._instantiated_in

    @property
    def lhs(self) -> str:
        """The attribute name this object is bound to in its module."""
        if self._lhs is not None:
            return self._lhs
        module = _find_module(self._instantiated_in or "")
        if module is not None:
            for name, value in vars(module).items():
                if value is self:
                    self._lhs = name
                    return name
        raise FlyteValidationException(
            f"{type(self).__name__} object created in module {self._instantiated_in!r} is not assigned to a "
            "module-level variable; assign it (e.g. `my_task = ShellTask(...)`) so containers can load it."
        )

    @property
    def location(self) -> str:
        return f"{self.instantiated_in}.{self.lhs}"


def _find_module(name: str) -> ModuleType | None:
    module = sys.modules.get(name)
    if module is None and name:
        try:
            module = importlib.import_module(name)
        except ImportError:
            return None
    return module


def package_root_for(file: str | os.PathLike[str]) -> Path:
    """The folder module names are relative to, for a source file."""
    configured = os.environ.get(PACKAGE_ROOT_ENV_VAR, "auto")
    path = Path(file).resolve()
    if configured and configured != "auto":
        return Path(configured).resolve()
    folder = path.parent
    while (folder / "__init__.py").exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def module_name_from_file(file: str | os.PathLike[str]) -> str:
    """The importable dotted module name of a source file (``pkg/sub/mod.py`` -> ``pkg.sub.mod``)."""
    return _module_name_of(os.path.abspath(file), os.environ.get(PACKAGE_ROOT_ENV_VAR, "auto"))


@functools.lru_cache(maxsize=4096)
def _module_name_of(file: str, configured_root: str) -> str:
    """``module_name_from_file`` for an absolute path under one package-root setting; remembered,
    since every task and workflow of a module asks again (resolving paths is the cost)."""
    path = Path(file).resolve()
    root = package_root_for(path)
    try:
        relative = path.with_suffix("").relative_to(root)
    except ValueError as exc:
        raise FlyteValidationException(
            f"File {path} is not under the package root {root}; set {PACKAGE_ROOT_ENV_VAR} to a folder "
            "that contains it."
        ) from exc
    parts = list(relative.parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def full_module_name(module_name: str, file: str | os.PathLike[str]) -> str:
    """The name entities of a module get: its import name, or -- when longer -- the name its file has
    relative to the package root (a module imported as ``flows.x`` from inside package ``proj`` is
    named ``proj.flows.x``, the name containers import it by). ``FLYTE_PYTHON_PACKAGE_ROOT=.`` keeps
    import names."""
    if os.environ.get(PACKAGE_ROOT_ENV_VAR) == ".":
        return module_name
    try:
        from_file = module_name_from_file(file)
    except (FlyteValidationException, ValueError):
        return module_name
    return from_file if len(from_file) > len(module_name) else module_name


def is_nested_function(f: Callable[..., Any]) -> bool:
    """True for functions defined inside another function (not importable by module + name)."""
    return "<locals>" in getattr(f, "__qualname__", "")


def is_defined_in_test_function(f: Callable[..., Any]) -> bool:
    """Nested functions are tolerated inside ``test_*`` functions, where tests declare tasks."""
    qualname: str = getattr(f, "__qualname__", "")
    return any(part.startswith("test_") for part in qualname.split(".<locals>.")[:-1])


def extract_task_module(f: Callable[..., Any] | TrackedInstance) -> tuple[str, str, str, str]:
    """``(entity name, module name, attribute name, source file)`` of a function or tracked object."""
    if isinstance(f, TrackedInstance):
        module_name = f.instantiated_in
        attribute = f.lhs
        module = sys.modules.get(f._instantiated_in or "")
        file = getattr(module, "__file__", "") or ""
        return f"{module_name}.{attribute}", module_name, attribute, os.path.abspath(file) if file else ""
    module_name = f.__module__
    attribute = f.__name__
    file = inspect.getsourcefile(inspect.unwrap(f)) or ""  # decorator objects (@vscode) wrap the function
    if module_name == "__main__" and file:
        module_name = module_name_from_file(file)
    elif file:
        module_name = full_module_name(module_name, file)
    return f"{module_name}.{attribute}", module_name, attribute, os.path.abspath(file) if file else ""
