"""``composecheck config``: the configuration in force, or its JSON Schema."""

from __future__ import annotations

import click

from composecheck.cli.common import fail


@click.command("config")
@click.option(
    "--config",
    "config",
    metavar="FILE",
    help="composecheck configuration file (default: found from here upward).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "json"]),
    default="toml",
    show_default=True,
)
@click.option("--schema", is_flag=True, help="Print the JSON Schema of the configuration.")
def config_command(config: str | None, fmt: str, schema: bool) -> None:
    """Print the effective configuration (every key, defaults filled in)."""
    import json
    import os

    from composecheck.errors import InputError

    if schema:
        from composecheck.settings.model import json_schema

        click.echo(json.dumps(json_schema(), indent=2))
        return
    try:
        from composecheck.settings import effective, load_settings

        settings = load_settings(os.getcwd(), config)
        table = effective(settings)
    except InputError as exc:
        fail(exc, every=True)
        return
    if fmt == "json":
        click.echo(json.dumps({"file": settings.path, "config": table}, indent=2))
        return
    from composecheck.settings import to_toml

    source = settings.path or "none found: defaults"
    click.echo(f"# composecheck configuration ({source})\n{to_toml(table)}", nl=False)
