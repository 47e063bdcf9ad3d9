"""A finding about a value that an env file wrote whole is reported at the env file's
line (where the fix is made), with the compose line that uses it as related location."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

STACK = {
    "compose.yaml": (
        "services:\n"
        "  web:\n"
        "    image: nginx:${NGINX_TAG}\n"
        "    restart: ${RESTART}\n"
        "    cpus: ${CPUS}\n"
    ),
    "compose.prod.yaml": "services:\n  web:\n    mem_limit: 512m\n",
    ".env": "NGINX_TAG=1.27.3\nRESTART=unless-stopped\nCPUS=0.5\n",
    ".env.prod": "NGINX_TAG=latest\nRESTART=alwasy\nCPUS=0\n",
}


def test_values_written_whole_in_env_prod_are_reported_there(tmp_path: Path) -> None:
    assert lines(tmp_path, STACK, environments=("prod",), select=("CC303", "CC304")) == [
        '.env.prod:2:1: CC304 error service "web" has restart "alwasy", which is not a '
        "restart policy [prod]",
        '.env.prod:3:1: CC303 error service "web" sets cpus to 0 CPUs: Docker reads a value '
        "of zero or below as no limit at all [prod]",
    ]
    found = validate(tmp_path, STACK, environments=("prod",), select=("CC304",))
    assert [(r.file, r.line, r.message) for r in found[0].related] == [
        (str(tmp_path / "compose.yaml"), 4, "used here")
    ]


def test_a_tag_one_variable_supplies_is_reported_at_the_env_line(tmp_path: Path) -> None:
    # `nginx:${NGINX_TAG}`: the offending part, the tag, is the variable's whole value.
    (finding,) = validate(tmp_path, STACK, environments=("prod",), select=("CC403",))
    assert (Path(finding.file or "").name, finding.line, finding.column) == (".env.prod", 1, 1)
    assert [(Path(r.file).name, r.line, r.message) for r in finding.related] == [
        ("compose.yaml", 3, "used here")
    ]


def test_a_variable_elsewhere_in_the_value_stays_a_related_location(tmp_path: Path) -> None:
    # The registry comes from .env, the `latest` tag is written in compose.yaml.
    stack = {
        "compose.yaml": "services:\n  web:\n    image: ${REGISTRY}/nginx:latest\n",
        ".env": "REGISTRY=ghcr.io\n",
    }
    (finding,) = validate(tmp_path, stack, select=("CC403",))
    assert (Path(finding.file or "").name, finding.line, finding.column) == ("compose.yaml", 3, 12)
    assert [(Path(r.file).name, r.line, r.message) for r in finding.related] == [
        (".env", 1, "the value comes from here")
    ]


def test_the_default_environment_is_clean(tmp_path: Path) -> None:
    only = ("default",)
    assert lines(tmp_path, STACK, environments=only, select=("CC303", "CC304", "CC403")) == []
