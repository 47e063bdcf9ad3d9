"""``composecheck render``: the resolved project, as ``docker compose config`` prints it."""

from __future__ import annotations

import sys

import click

from composecheck.cli.common import cannot_write, fail, finish, project_options


@click.command()
@project_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically).")
@click.option("--no-interpolate", is_flag=True, help="Don't interpolate environment variables.")
@click.option("--no-normalize", is_flag=True, help="Don't normalize the compose model.")
@click.option("--no-path-resolution", is_flag=True, help="Don't resolve file paths.")
@click.option("--no-consistency", is_flag=True, help="Don't check model consistency.")
@click.option("--services", "list_services", is_flag=True, help="Print the service names.")
@click.option("--volumes", "list_volumes", is_flag=True, help="Print the volume names.")
@click.option("--profiles", "list_profiles", is_flag=True, help="Print the profile names.")
@click.option("--images", "list_images", is_flag=True, help="Print the image names.")
@click.option(
    "--redact",
    is_flag=True,
    help="Replace secret values (passwords, tokens, keys) with <redacted>.",
)
def render(
    files: tuple[str, ...],
    env_files: tuple[str, ...],
    project_name: str | None,
    project_directory: str | None,
    profiles: tuple[str, ...],
    environment: str | None,
    config: str | None,
    fmt: str,
    output: str | None,
    no_interpolate: bool,
    no_normalize: bool,
    no_path_resolution: bool,
    no_consistency: bool,
    list_services: bool,
    list_volumes: bool,
    list_profiles: bool,
    list_images: bool,
    redact: bool,
) -> None:
    """Print the resolved project, exactly as `docker compose config` does."""
    import gc

    from composecheck.errors import InputError
    from composecheck.load.readings import Readings

    # What the load reads, so that the secrets among it are masked in what is printed
    # (Compose's messages quote the values they refuse).
    readings = Readings()

    def scrub(text: str) -> str:
        from composecheck.secrets.scrub import Scrubber, secret_values

        return Scrubber(secret_values(readings, within=text))(text)

    # Loading builds many small containers that all live to the end: collecting them
    # while they are built only costs time (superlinearly on large stacks).
    gc.disable()
    try:
        from composecheck.api import (
            LoadOptions,
            list_names,
            load,
            render_loaded,
            render_redacted,
        )

        options = LoadOptions(
            files=files,
            env_files=env_files or None,
            project_name=project_name,
            project_directory=project_directory,
            profiles=profiles or None,
            interpolate=not no_interpolate,
            resolve_paths=not no_path_resolution,
            normalize=not no_normalize,
            consistency=not no_consistency,
            environment_name=environment,
            config=config,
            record_provenance=redact,
            readings=readings,
        )
        listing = list_services or list_volumes or list_profiles or list_images
        if no_interpolate and redact:
            raise click.UsageError(
                "--redact works on the resolved project, not with --no-interpolate"
            )
        if no_interpolate and not listing:
            # Compose prints its untyped intermediate model in this mode.
            from composecheck.api import render_uninterpolated

            text, warnings = render_uninterpolated(options, fmt)
        else:
            loaded = load(options)
            warnings = loaded.warnings
            if listing:
                text = list_names(
                    loaded,
                    services=list_services,
                    volumes=list_volumes,
                    profiles=list_profiles,
                    images=list_images,
                )
            elif redact:
                text = render_redacted(loaded, fmt, readings)
            else:
                text = render_loaded(loaded, fmt)
        if warnings:
            lines = "".join(f'level=warning msg="{_go_quote(w)}"\n' for w in warnings)
            click.echo(scrub(lines), err=True, nl=False)
    except InputError as exc:
        fail(exc, scrub=scrub)
        return
    except RecursionError:
        fail(InputError("the project nests too deeply to load"))
        return
    except Exception as exc:  # a bug of ours: report it without a traceback
        fail(exc, scrub=scrub)
        return
    if output:
        from composecheck.atomic import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            fail(cannot_write(output, exc))
    else:
        sys.stdout.write(text)
    finish(0)


def _go_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
