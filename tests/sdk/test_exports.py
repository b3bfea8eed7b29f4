"""Every public name of flytekit 1.16.31's user-facing modules exists in ours, as the same kind of thing.

The reference venv lists, for each module below, its public attributes (for submodules: those
the module or its package defines, not what it merely imports) and whether each is a class, a function, a
module or another value; our flytekit must have the same names with the same kinds. ``KNOWN_GAPS``
names what is deliberately or not yet there, with the reason; the test fails as well when a gap is
closed, so the list stays true.
"""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
import types
from typing import Any

import pytest

from tests.reference.venvs import ensure_venv

pytestmark = pytest.mark.integration

MODULES = [
    "flytekit",
    "flytekit.types.file",
    "flytekit.types.directory",
    "flytekit.types.structured",
    "flytekit.configuration",
    "flytekit.core.node_creation",
    "flytekit.extras.tasks.shell",
    "flytekit.testing",
    "flytekit.sensor",
    "flytekit.extend",
    "flytekit.interaction",
    "flytekit.interaction.click_types",
    "flytekit.interaction.parse_stdin",
    "flytekit.interaction.rich_utils",
    "flytekit.interaction.string_literals",
    "flytekit.interactive",
    "flytekit.interactive.utils",
    "flytekit.interactive.vscode_lib.config",
    "flytekit.interactive.vscode_lib.decorator",
    "flytekit.core.artifact",
    # submodules before their package: a package lists the submodules imported so far
    "flytekit.utils.asyn",
    "flytekit.utils.rate_limiter",
    "flytekit.utils.dict_formatter",
    "flytekit.utils.pbhash",
    "flytekit.utils",
    "flytekit.interfaces.cli_identifiers",
    "flytekit.interfaces.random",
    "flytekit.interfaces.stats.client",
    "flytekit.interfaces.stats.taggable",
    "flytekit.interfaces.stats",
    "flytekit.interfaces",
]
# Standard-library names flytekit's top-level module happens to leak.
LEAKED = {"os", "sys", "traceback"}
KNOWN_GAPS: set[str] = set()

LISTER = """
import importlib, inspect, json, sys, types
out = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    kinds = {}
    for attr in dir(module):
        if attr.startswith("_"):
            continue
        value = getattr(module, attr)
        origin = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        # submodules: what they define themselves (re-export modules: anything of flytekit's)
        prefix = "flytekit" if name in ("flytekit.extend", "flytekit.testing", "flytekit.sensor") else name
        if name != "flytekit" and not (isinstance(origin, str) and origin.startswith(prefix)):
            continue
        kinds[attr] = (
            "module" if isinstance(value, types.ModuleType)
            else "class" if inspect.isclass(value)
            else "function" if callable(value)
            else "value"
        )
    out[name] = kinds
print(json.dumps(out))
"""


def _kinds(python: str) -> dict[str, dict[str, str]]:
    result = subprocess.run([python, "-c", LISTER, *MODULES], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    kinds: dict[str, dict[str, str]] = json.loads(result.stdout.strip().splitlines()[-1])
    return kinds


def _kind(value: Any) -> str:
    if isinstance(value, types.ModuleType):
        return "module"
    if inspect.isclass(value):
        return "class"
    return "function" if callable(value) else "value"


@pytest.fixture(scope="module")
def reference_kinds() -> dict[str, dict[str, str]]:
    venv = ensure_venv("flytekit-1.16.31", ["flytekit==1.16.31"])
    return _kinds(str(venv.python))


@pytest.mark.parametrize("module_name", MODULES)
def test_public_names_match_the_reference(
    module_name: str, reference_kinds: dict[str, dict[str, str]]
) -> None:
    ours = importlib.import_module(module_name)
    problems = []
    for name, kind in sorted(reference_kinds[module_name].items()):
        qualified = f"{module_name}.{name}"
        if (module_name == "flytekit" and name in LEAKED) or qualified in KNOWN_GAPS:
            if qualified in KNOWN_GAPS and hasattr(ours, name):
                problems.append(f"{qualified} exists now; take it off KNOWN_GAPS")
            continue
        if not hasattr(ours, name):
            problems.append(f"{qualified} is missing ({kind} in the reference)")
            continue
        our_kind = _kind(getattr(ours, name))
        if our_kind != kind:
            problems.append(f"{qualified} is a {our_kind} here but a {kind} in the reference")
    assert not problems, "\n".join(problems)


def test_lister_runs_with_our_flytekit() -> None:
    assert _kinds(sys.executable)["flytekit"]["task"] == "function"
