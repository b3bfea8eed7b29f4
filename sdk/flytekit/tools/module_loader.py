"""Import the user's code the way a task container will: by package-relative module names.

``pyflyte register`` and ``pyflyte run`` receive files, folders or dotted names. Entity names are
``<module>.<function>``, and the container imports ``<module>`` again, so a file must be imported
under its package-relative name (``wf/hello.py`` in package ``wf`` is ``wf.hello``), with the
project root -- the first ancestor folder that is not a package -- on ``sys.path``. Importing runs
the decorators, which record every task, workflow and launch plan in ``FlyteEntities``.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from flytekit.core.tracker import PACKAGE_ROOT_ENV_VAR, module_name_from_file, package_root_for
from flytekit.errors import FlyteEntityNotExistException, FlyteUserException

logger = logging.getLogger(__name__)


class ModuleLoadError(FlyteUserException):
    """Importing a user module failed; the message names the module and the original error."""

    error_code = "USER:ModuleLoadError"


@contextlib.contextmanager
def add_sys_path(path: str | os.PathLike[str]) -> Iterator[None]:
    """Put ``path`` first on ``sys.path`` for the duration of the block."""
    entry = os.fspath(path)
    sys.path.insert(0, entry)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(entry)


def ensure_on_sys_path(path: str | os.PathLike[str]) -> None:
    """Keep ``path`` on ``sys.path`` for the rest of the process (modules import lazily later)."""
    entry = os.fspath(Path(path).resolve())
    if entry not in sys.path:
        sys.path.insert(0, entry)


def import_module(name: str) -> ModuleType:
    """Import ``name``; any failure becomes a :class:`ModuleLoadError` naming the module."""
    try:
        return importlib.import_module(name)
    except Exception as exc:
        raise ModuleLoadError(f"Could not import module {name!r}: {type(exc).__name__}: {exc}") from exc


def load_module_from_file(file: str | os.PathLike[str]) -> ModuleType:
    """Import a ``.py`` file under its package-relative module name (project root joins ``sys.path``)."""
    path = Path(file).resolve()
    if not path.is_file() or path.suffix != ".py":
        raise ModuleLoadError(f"{file} is not a Python file; give the path of a .py file.")
    ensure_on_sys_path(package_root_for(path))
    return import_module(module_name_from_file(path))


def iterate_modules(pkgs: list[str]) -> Iterator[ModuleType]:
    """Import each package or module and, for packages, every module below it (sorted by name)."""
    for pkg in pkgs:
        package = import_module(pkg)
        yield package
        search_path = getattr(package, "__path__", None)
        if search_path is None:
            continue
        names = sorted(
            info.name for info in pkgutil.walk_packages(search_path, prefix=f"{package.__name__}.")
        )
        for name in names:
            yield import_module(name)


def just_load_modules(pkgs: list[str]) -> None:
    """Import the packages (recursively) for their side effects: registering entities."""
    for module in iterate_modules(pkgs):
        logger.debug("loaded module %s", module.__name__)


def resolve_modules(pkgs_or_mods: list[str]) -> list[tuple[Path | None, str]]:
    """For each folder, ``.py`` file or dotted name: ``(package root, module name)`` pairs.

    A file is named relative to the first ancestor folder that is not a package. A folder is
    always treated as a package (a namespace package when it has no ``__init__.py``), named
    relative to the first folder above it that is not a package -- so ``pyflyte register
    workflows`` gives modules ``workflows.<file>``. A dotted name that is no path is taken as is
    (root ``None``: it must already be importable).
    """
    found: list[tuple[Path | None, str]] = []
    for item in pkgs_or_mods:
        path = Path(item)
        if not path.exists():
            if item.endswith(".py") or os.sep in item:
                raise ModuleLoadError(f"{item} does not exist; give an existing file, folder or module name.")
            found.append((None, item))
        elif path.is_file():
            resolved = path.resolve()
            found.append((package_root_for(resolved), module_name_from_file(resolved)))
        else:
            found.append(_folder_entry(path.resolve()))
    return found


def _folder_entry(folder: Path) -> tuple[Path, str]:
    configured = os.environ.get(PACKAGE_ROOT_ENV_VAR, "auto")
    if configured and configured != "auto":
        root = Path(configured).resolve()
    else:
        root = folder.parent
        while (root / "__init__.py").exists() and root.parent != root:
            root = root.parent
    try:
        name = ".".join(folder.relative_to(root).parts)
    except ValueError:
        raise ModuleLoadError(
            f"Folder {folder} is not under the package root {root}; set {PACKAGE_ROOT_ENV_VAR} to a folder "
            "that contains it."
        ) from None
    if not name:
        raise ModuleLoadError(f"Folder {folder} is the package root itself; give the packages inside it.")
    return root, name


def load_packages_and_modules(pkgs_or_mods: list[str]) -> list[ModuleType]:
    """Import every module named by ``pkgs_or_mods`` (see :func:`resolve_modules`), packages recursively."""
    loaded: list[ModuleType] = []
    for root, name in resolve_modules(pkgs_or_mods):
        if root is not None:
            ensure_on_sys_path(root)
        loaded.extend(iterate_modules([name]))
    return loaded


def find_common_root(pkgs_or_mods: list[str]) -> Path:
    """The folder that holds the package roots of every given path (the fast-registration source)."""
    roots = [root for root, _ in resolve_modules(pkgs_or_mods) if root is not None]
    if not roots:
        return Path.cwd().resolve()
    return Path(os.path.commonpath([str(root) for root in roots]))


def load_object_from_module(object_location: str) -> Any:
    """``pkg.module.attr`` -> the attribute's value; raises when the module or attribute is missing."""
    module_name, _, attribute = object_location.rpartition(".")
    if not module_name:
        raise FlyteEntityNotExistException(f"{object_location!r} is not of the form 'module.attribute'.")
    module = import_module(module_name)
    try:
        return getattr(module, attribute)
    except AttributeError:
        raise FlyteEntityNotExistException(
            f"Module {module_name!r} has no attribute {attribute!r}; check the name or the module path."
        ) from None


def load_packages_by_name(pkgs: list[str]) -> list[ModuleType]:
    """``pyflyte --pkgs``: import each dotted name as given, from the working folder, packages recursively.

    Unlike files and folders (named relative to their package root), ``--pkgs`` names are imported
    by the name given -- so classes and pickles see that module name, as with flytekit -- while
    entity names still come from the files (see ``flytekit.core.tracker.full_module_name``).
    Anything that is not a dotted name is loaded as a path.
    """
    loaded: list[ModuleType] = []
    for pkg in pkgs:
        if all(part.isidentifier() for part in pkg.split(".")):
            ensure_on_sys_path(os.getcwd())
            loaded.extend(iterate_modules([pkg]))
        else:
            loaded.extend(load_packages_and_modules([pkg]))
    return loaded
