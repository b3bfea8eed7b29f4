"""``pyflyte --pkgs <pkg> serialize [workflows | fast workflows] -f <folder>``: loose ``.pb`` files.

The older sibling of ``package``: the same protobuf files (``<index>_<name>_<kind>.pb``, empty
project/domain/version) written into a folder instead of a tarball. ``fast workflows`` also writes
the code archive (``fast<digest>.tar.gz``, every file of the source root) into the folder and leaves
both the archive location and the destination folder as templates (``{{ .remote_package_path }}``,
``{{ .dest_dir }}``) for the registering tool to fill.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from flytekit.clis.commands.options import env_option, image_option
from flytekit.clis.pyflyte import current_context
from flytekit.tools.fast_registration import CopyFileDetection, FastPackageOptions
from flytekit.tools.repo import load_entities, serialize_entities, write_specs_to_folder

DEPRECATION = (
    "[Deprecation notice]\nThis 'serialize' command is being deprecated, please move to using 'package' "
    "instead. See docs for more information."
)


@dataclass
class SerializeOptions:
    """The group-level options, read by the ``workflows`` commands."""

    pkgs: list[str]
    image_config: Any
    local_source_root: Path
    python_interpreter: str | None
    envs: dict[str, str]


def _write(options: SerializeOptions, folder: Path, fast: bool) -> None:
    from flytekit.configuration import FastSerializationSettings, SerializationSettings

    if not options.pkgs:
        raise click.UsageError("Give the packages to serialize with pyflyte -k/--pkgs <package>.")
    _, entities = load_entities(options.pkgs, by_name=True)
    extra: dict[str, Any] = {}
    if options.python_interpreter:
        extra["python_interpreter"] = options.python_interpreter
    settings = SerializationSettings(
        image_config=options.image_config,
        project="",
        domain="",
        version="",
        env=options.envs or None,
        source_root=str(options.local_source_root),
        # Without a destination or location the args keep the ``{{ .dest_dir }}`` and
        # ``{{ .remote_package_path }}`` templates.
        fast_serialization_settings=FastSerializationSettings(enabled=fast),
        **extra,
    )
    specs = serialize_entities(entities, settings)
    for path in write_specs_to_folder(specs, folder):
        click.echo(f"  Serialized {path.name}")
    click.secho(f"Successfully serialized {len(specs)} flyte objects into {folder}", fg="green")


def _options(ctx: click.Context) -> SerializeOptions:
    options = ctx.find_object(SerializeOptions)
    if options is None:
        raise click.UsageError("These commands run under `pyflyte serialize`.")
    return options


def walk_ordered_package(source: Path, output_dir: Path, deref_symlinks: bool) -> Path:
    """The code archive of every non-ignored file of ``source``, named as ``serialize`` names it.

    ``serialize`` keeps flytekit's older archive naming: the md5 digest runs over the files in
    directory-walk order (names sorted within a folder), each contributing its content and then its
    relative path with the separators removed. ``package`` and ``register`` use the newer digest.
    """
    import hashlib
    import os

    from flytekit.tools.fast_registration import archive_name, select_files
    from flytekit.tools.script_mode import write_archive

    kept = set(select_files(source, deref_symlinks, FastPackageOptions(copy_style=CopyFileDetection.ALL)))
    hasher = hashlib.md5()
    for root, _, names in os.walk(source):
        for name in sorted(names):
            path = os.path.join(root, name)
            if path not in kept:
                continue
            with open(path, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 16), b""):
                    hasher.update(chunk)
            hasher.update("".join(os.path.relpath(path, source).split(os.sep)).encode())
    output_dir.mkdir(parents=True, exist_ok=True)
    archive = output_dir / archive_name(hasher.digest())
    write_archive(source, sorted(kept), archive, deref_symlinks)
    return archive


folder_option = click.option(
    "-f",
    "--folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Existing folder to write the .pb files into.",
)


@click.group("serialize")
@image_option
@click.option(
    "--local-source-root",
    default=None,
    help="Root folder of the code (default: the current directory).",
)
@click.option(
    "--in-container-config-path",
    default=None,
    help="Where the flytekit config lives inside the container (kept for compatibility).",
)
@click.option(
    "--in-container-virtualenv-root", default=None, help="Deprecated and ignored: the image decides."
)
@click.option("-p", "--python-interpreter", default=None, help="Python interpreter path inside the image.")
@env_option
@click.pass_context
def serialize(
    ctx: click.Context,
    image_config: Any,
    local_source_root: str | None,
    in_container_config_path: str | None,
    in_container_virtualenv_root: str | None,
    python_interpreter: str | None,
    envs: dict[str, str],
) -> None:
    """Write the protobufs of the tasks, workflows and launch plans of the packages (-k) into a folder.

    One file per entity, as in a `pyflyte package` archive. Prefer `pyflyte package`.
    """
    click.secho(DEPRECATION, fg="yellow", err=True)
    ctx.obj = SerializeOptions(
        pkgs=current_context(ctx).pkgs,
        image_config=image_config,
        local_source_root=Path(local_source_root or ".").resolve(),
        python_interpreter=python_interpreter,
        envs=envs,
    )


@serialize.command("workflows")
@folder_option
@click.pass_context
def workflows(ctx: click.Context, folder: Path) -> None:
    """Serialize for a regular (non-fast) registration."""
    _write(_options(ctx), folder, fast=False)


@serialize.group("fast")
def fast() -> None:
    """Serialize for a fast registration (code shipped as an archive)."""


@fast.command("workflows")
@click.option("--deref-symlinks", is_flag=True, help="Follow symlinks when archiving the code.")
@folder_option
@click.pass_context
def fast_workflows(ctx: click.Context, folder: Path, deref_symlinks: bool) -> None:
    """Serialize for a fast registration and write the code archive next to the .pb files."""
    options = _options(ctx)
    archive = walk_ordered_package(options.local_source_root, folder, deref_symlinks)
    click.echo(f"Wrote compressed archive to {archive}")
    _write(options, folder, fast=True)
