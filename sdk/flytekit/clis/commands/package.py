"""``pyflyte --pkgs <pkg> package``: serialize every entity of the packages into a ``.tgz``.

The result is what ``flytectl register files`` takes: one protobuf per entity with empty project,
domain and version (filled at registration), plus the code archive when ``--copy`` is ``all`` or
``auto``. Task arguments then refer to the archive through ``{{ .remote_package_path }}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from flytekit.clis.commands.options import copy_option, env_option, image_option
from flytekit.clis.pyflyte import current_context
from flytekit.remote.registering import entity_identifier
from flytekit.tools.fast_registration import CopyFileDetection, FastPackageOptions, fast_package
from flytekit.tools.repo import (
    load_entities,
    package_file_names,
    serialize_entities,
    temporary_folder,
    write_package,
)

REMOTE_PACKAGE_PATH = "{{ .remote_package_path }}"


@click.command("package")
@image_option
@click.option("-s", "--source", default=".", show_default=True, type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", default="flyte-package.tgz", show_default=True, help="Package file to write.")
@copy_option(
    default="none",
    help="Ship the code in the package: all files, only loaded modules (auto), or none.",
)
@click.option("--fast", is_flag=True, help="Deprecated: use --copy all.")
@click.option("-f", "--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("-p", "--python-interpreter", default=None, help="Python interpreter path inside the image.")
@click.option(
    "-d",
    "--in-container-source-path",
    default="/root",
    show_default=True,
    help="Where the code lives (or is unpacked) inside the container.",
)
@click.option("--deref-symlinks", is_flag=True, help="Follow symlinks when packaging.")
@env_option
@click.pass_context
def package(
    ctx: click.Context,
    image_config: Any,
    source: str,
    output: str,
    copy: str,
    fast: bool,
    force: bool,
    python_interpreter: str | None,
    in_container_source_path: str,
    deref_symlinks: bool,
    envs: dict[str, str],
) -> None:
    """Serialize the entities of the packages given with -k/--pkgs into a registrable package."""
    from flytekit.configuration import FastSerializationSettings, SerializationSettings

    pkgs = current_context(ctx).pkgs
    if not pkgs:
        raise click.UsageError("Give the packages to package with pyflyte -k/--pkgs <package>.")
    target = Path(output)
    if target.exists() and not force:
        raise click.UsageError(f"{target} already exists; pass -f/--force to overwrite it.")
    copy_style = CopyFileDetection.ALL if fast else CopyFileDetection.from_cli(copy)
    source_root = Path(source).resolve()
    _, entities = load_entities(pkgs, by_name=True)
    if not entities:
        click.secho("No Flyte entities were detected. Aborting!", fg="red")
        return
    archive = None
    if copy_style is not CopyFileDetection.NO_COPY:
        archive = fast_package(
            source_root, temporary_folder(), deref_symlinks, FastPackageOptions(copy_style=copy_style)
        )
    # As flytekit: fast settings always present (enabled by --copy), the code location left to the
    # {{ .remote_package_path }} template, project/domain/version unset; dynamic and eager tasks
    # carry exactly these settings in _F_SS_C.
    fast_settings = FastSerializationSettings(
        enabled=archive is not None, destination_dir=in_container_source_path, distribution_location=None
    )
    extra: dict[str, Any] = {"python_interpreter": python_interpreter} if python_interpreter else {}
    settings = SerializationSettings(
        image_config=image_config,
        project=None,
        domain=None,
        version=None,
        env=envs or None,
        source_root=str(source_root),
        fast_serialization_settings=fast_settings,
        **extra,
    )
    # The package keeps creation order (each entity after what it uses), as flytekit writes it;
    # registration later sends tasks, then workflows, then launch plans.
    specs = serialize_entities(entities, settings)
    for name, spec in zip(package_file_names(specs), specs, strict=True):
        click.echo(f"  Packaging {entity_identifier(spec).name} -> {name}")
    if archive is not None:
        click.echo(f"Fast mode enabled: code archive {archive.name}")
    write_package(specs, target, archive)
    click.secho(f"Successfully packaged {len(specs)} flyte objects into {target.resolve()}", fg="green")
