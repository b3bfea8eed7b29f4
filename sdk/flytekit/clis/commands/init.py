"""``pyflyte init [--template NAME] PROJECT_NAME``: start a new Flyte project from a built-in template.

flytekit downloads its templates from GitHub; these ship inside the SDK (``clis/templates``), so
``init`` works offline. Each template is a folder whose files are copied into ``PROJECT_NAME/`` with
the cookiecutter placeholder ``{{ cookiecutter.project_name }}`` replaced. Python files are stored
as ``*.py-tpl`` so they are not part of the SDK's own modules; the suffix is dropped when copying.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

DEFAULT_TEMPLATE = "basic-template-imagespec"
TEMPLATE_SUFFIX = "-tpl"
_PLACEHOLDER = re.compile(r"\{\{ ?cookiecutter\.project_name ?\}\}")
_VALID_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def templates_root() -> Path:
    return Path(__file__).resolve().parent.parent / "templates"


def available_templates() -> list[str]:
    return sorted(path.name for path in templates_root().iterdir() if path.is_dir())


def render_template(template: str, project_name: str, destination: Path) -> list[Path]:
    """Copy ``template`` into ``destination`` (which must not exist); returns the written files."""
    source = templates_root() / template
    if not source.is_dir():
        raise click.BadParameter(
            f"No template named {template!r}; choose one of: {', '.join(available_templates())}.",
            param_hint="'--template'",
        )
    written: list[Path] = []
    for path in sorted(source.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(source)
        target = destination / relative
        if target.name.endswith(TEMPLATE_SUFFIX):
            target = target.with_name(target.name.removesuffix(TEMPLATE_SUFFIX))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_PLACEHOLDER.sub(project_name, path.read_text()))
        written.append(target)
    return written


@click.command("init")
@click.option(
    "--template",
    default=DEFAULT_TEMPLATE,
    show_default=True,
    help="Built-in project template: "
    + ", ".join(["basic-template-imagespec", "basic-template-dockerfile", "hello-world"])
    + ".",
)
@click.argument("project-name")
def init(template: str, project_name: str) -> None:
    """Create a Flyte-ready project in a new folder PROJECT_NAME."""
    if not _VALID_NAME.match(Path(project_name).name):
        raise click.BadParameter(
            f"{project_name!r} is not a usable project name; use letters, digits, '_', '-' or '.'.",
            param_hint="'PROJECT_NAME'",
        )
    destination = Path(project_name)
    if destination.exists():
        raise click.ClickException(f"{project_name} directory already exists")
    render_template(template, destination.name, destination)
    click.echo(f"Project initialized in directory {project_name}.")
