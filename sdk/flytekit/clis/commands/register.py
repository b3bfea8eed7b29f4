"""``pyflyte register``: import packages, fast-register their code and register every entity.

Entities are found by importing the given packages, folders or files; the code under their common
root is archived and uploaded (``--copy all|auto``; ``none`` ships no code and needs ``--version``),
the version derived from the archive unless given, and tasks, workflows and launch plans are sent
to admin in that order. Identical entities that already exist count as registered.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from flyteidl.admin import launch_plan_pb2
from flytekit.clis.commands.options import (
    copy_option,
    domain_option,
    env_option,
    image_option,
    project_option,
)
from flytekit.clis.commands.progress import spinner, steps
from flytekit.clis.pyflyte import current_context
from flytekit.errors import FlyteException
from flytekit.remote.registering import (
    RESOURCE_LABELS,
    RegistrationResult,
    activate_if_asked,
    entity_identifier,
    register_spec,
    registration_order,
)
from flytekit.tools.fast_registration import (
    CopyFileDetection,
    FastPackageOptions,
    compute_version,
    fast_package,
    file_md5,
)
from flytekit.tools.module_loader import find_common_root
from flytekit.tools.repo import (
    apply_launch_plan_options,
    load_entities,
    serialize_entities,
    temporary_folder,
    write_package,
)


@click.command("register")
@project_option
@domain_option
@image_option
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), default=None, help="Also save the package here."
)
@click.option(
    "-D", "--destination-dir", default="/root", show_default=True, help="Where tasks unpack the code archive."
)
@click.option("--service-account", default=None, help="Kubernetes service account of the launch plans.")
@click.option("--raw-data-prefix", default=None, help="Raw output data prefix of the launch plans.")
@click.option(
    "-v", "--version", default=None, help="Version to register with (default: derived from the code)."
)
@click.option("--deref-symlinks", is_flag=True, help="Follow symlinks when packaging.")
@click.option("--non-fast", is_flag=True, help="Deprecated: use --copy none.")
@copy_option(
    default="all",
    help="Which files to ship: all files under the root, only loaded modules (auto), or none.",
)
@click.option("--dry-run", is_flag=True, help="Serialize and report, but register nothing.")
@click.option(
    "--activate-launchplans", "--activate-launchplan", is_flag=True, help="Activate registered launch plans."
)
@env_option
@click.option(
    "--skip-errors", "--skip-error", is_flag=True, help="Keep going when an entity fails to register."
)
@click.option("--show-files", is_flag=True, help="List the files that go into the code archive.")
@click.argument("package-or-module", nargs=-1, type=click.Path(exists=True, readable=True))
@click.pass_context
def register(
    ctx: click.Context,
    project: str,
    domain: str,
    image_config: Any,
    output: str | None,
    destination_dir: str,
    service_account: str | None,
    raw_data_prefix: str | None,
    version: str | None,
    deref_symlinks: bool,
    non_fast: bool,
    copy: str,
    dry_run: bool,
    activate_launchplans: bool,
    envs: dict[str, str],
    skip_errors: bool,
    show_files: bool,
    package_or_module: tuple[str, ...],
) -> None:
    """Compile the entities in PACKAGE_OR_MODULE... and register them (with fast registration)."""
    from flytekit.configuration import FastSerializationSettings, SerializationSettings
    from flytekit.remote import FlyteRemote

    pyflyte = current_context(ctx)
    targets = list(package_or_module) or list(pyflyte.pkgs)
    if not targets:
        raise click.UsageError("Give the packages, folders or files to register (or -k/--pkgs).")
    copy_style = CopyFileDetection.NO_COPY if non_fast else CopyFileDetection.from_cli(copy)
    if copy_style is CopyFileDetection.NO_COPY and not version:
        raise click.UsageError("Version is required with --copy none; pass --version.")

    config = pyflyte.config()
    remote = FlyteRemote(config, default_project=project, default_domain=domain)
    click.secho(f"Registering against {config.platform.endpoint}", fg="blue")
    root = find_common_root(targets)
    click.echo(f"Detected root {root}, using this to create deployable package...")
    _, entities = load_entities(targets)
    click.echo(f"Loading packages {targets} under source root {root}")
    if not entities:
        click.secho("No Flyte entities were detected. Aborting!", fg="red")
        return

    fast_settings = None
    archive: Path | None = None
    if copy_style is not CopyFileDetection.NO_COPY:
        options = FastPackageOptions(copy_style=copy_style, show_files=show_files)
        with spinner("Packaging and uploading the code..."):
            archive = fast_package(root, temporary_folder(), deref_symlinks=deref_symlinks, options=options)
            native_url = archive.as_uri() if dry_run else remote.upload_file(archive, project, domain)[1]
        fast_settings = FastSerializationSettings(
            enabled=True, destination_dir=destination_dir, distribution_location=native_url
        )
    settings = SerializationSettings(
        image_config=image_config,
        project=project,
        domain=domain,
        env=envs or None,
        source_root=str(root),
        fast_serialization_settings=fast_settings,
    )
    if not version:
        assert archive is not None  # --copy none without --version was refused above
        images = [image.full for image in image_config.images]
        version = compute_version(file_md5(archive), settings, None, *images)
    auto_activate: set[str] = set()
    specs = registration_order(
        serialize_entities(entities, replace(settings, version=version), auto_activate)
    )
    apply_launch_plan_options(specs, service_account, raw_data_prefix)
    click.echo(f"Serializing and registering {len(specs)} flyte entities")
    if output:
        write_package(specs, Path(output) / "flyte-package.tgz", archive)

    registered = 0
    with steps("Registering...", len(specs)) as progress:
        registered = _register_all(
            specs, remote, dry_run, skip_errors, activate_launchplans, progress, auto_activate
        )
    click.secho(f"Successfully registered {registered} entities with version {version}", fg="green")


def _register_all(
    specs: list[Any],
    remote: Any,
    dry_run: bool,
    skip_errors: bool,
    activate_launchplans: bool,
    progress: Any,
    auto_activate: set[str],
) -> int:
    registered = 0
    for spec in specs:
        progress.advance(progress.task_ids[0])
        ident = entity_identifier(spec)
        label = RESOURCE_LABELS.get(ident.resource_type, "Entity")
        if dry_run:
            click.secho(f"[✔] {label}: {ident.name} (Dry run Mode)", fg="green")
            registered += 1
            continue
        try:
            result: RegistrationResult = register_spec(remote.client, spec)
        except FlyteException as exc:
            click.secho(f"[x] {label}: {ident.name} failed: {exc}", fg="red")
            if not skip_errors:
                raise
            continue
        registered += 1
        note = "" if result.created else " (already registered)"
        click.secho(f"[✔] {label}: {ident.name}{note}", fg="green")
        if activate_launchplans and isinstance(spec, launch_plan_pb2.LaunchPlan):
            remote.client.update_launch_plan(ident, launch_plan_pb2.ACTIVE)
            click.secho(f"    activated launch plan {ident.name} version {ident.version}", fg="green")
        elif activate_if_asked(remote.client, result, auto_activate):
            click.secho(
                f"    activated launch plan {ident.name} version {ident.version} (auto_activate)", fg="green"
            )
    return registered
