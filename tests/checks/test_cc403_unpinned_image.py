"""CC403 unpinned-image."""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.checks.cc403_unpinned_image import ImageRef, parse_image
from composecheck.findings import Severity
from composecheck.formatters import text
from tests.checks.helpers import lines, validate

DIGEST = "sha256:" + "3f1e0a9c" * 8
LATEST = "the latest tag changes whenever a new version is pushed"


def no_tag(image: str) -> str:
    return (
        f'uses image "{image}" with no tag: Docker pulls "{image}:latest", which changes '
        "whenever a new version is pushed"
    )


@pytest.mark.parametrize(
    ("ref", "parsed"),
    [
        ("nginx", ImageRef("nginx", None, None)),
        ("nginx:1.27.3", ImageRef("nginx", "1.27.3", None)),
        ("localhost:5000/app", ImageRef("localhost:5000/app", None, None)),
        ("localhost:5000/app:2.1", ImageRef("localhost:5000/app", "2.1", None)),
        (f"nginx@{DIGEST}", ImageRef("nginx", None, DIGEST)),
        (f"nginx:1.27.3@{DIGEST}", ImageRef("nginx", "1.27.3", DIGEST)),
    ],
)
def test_parse_image(ref: str, parsed: ImageRef) -> None:
    assert parse_image(ref) == parsed


def test_untagged_and_latest_outside_production(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  proxy:\n    image: nginx\n"
            "  cache:\n    image: redis:latest\n"
            "  mirror:\n    image: localhost:5000/acme/search\n"
            "  db:\n    image: postgres:16.4\n"
            "  queue:\n    image: rabbitmq@" + DIGEST + "\n"
            # Built here: the name only labels the local build.
            "  web:\n    build: .\n    image: acme/web:latest\n"
            "  worker:\n    build: .\n"
        ),
        "Dockerfile": "FROM python:3.12-slim\n",
    }
    assert lines(tmp_path, files, select=("CC403",)) == [
        f'compose.yaml:3:12: CC403 warning service "proxy" {no_tag("nginx")} [default]',
        f'compose.yaml:5:12: CC403 warning service "cache" uses image "redis:latest": {LATEST} '
        "[default]",
        'compose.yaml:7:12: CC403 warning service "mirror" '
        f"{no_tag('localhost:5000/acme/search')} [default]",
    ]


def test_production_environment(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n    image: postgres:16.4\n"
            "  queue:\n    image: rabbitmq:4.0.3@" + DIGEST + "\n"
            "  web:\n    build: .\n    image: registry.example.com/acme/web\n"
            "  worker:\n    build: .\n    image: registry.example.com/acme/worker:1.4.2\n"
        ),
        "compose.prod.yaml": "services:\n  proxy:\n    image: nginx:latest\n",
        "Dockerfile": "FROM python:3.12-slim\n",
    }
    assert lines(tmp_path, files, select=("CC403",)) == [
        'compose.prod.yaml:3:12: CC403 error service "proxy" uses image "nginx:latest": '
        f"{LATEST} [prod]",
        'compose.yaml:3:12: CC403 info service "db" uses image "postgres:16.4", pinned by tag '
        "but not by digest: the tag can be moved to a different image [prod]",
        'compose.yaml:8:12: CC403 error service "web" '
        f"{no_tag('registry.example.com/acme/web')} [prod]",
    ]
    [web] = [f for f in validate(tmp_path, files, select=("CC403",)) if f.service == "web"]
    assert web.hint == (
        "tag each build with its version (registry.example.com/acme/web:1.4.2, or "
        "registry.example.com/acme/web:${TAG:?} set by the release), so production runs a "
        "known build"
    )


def test_tag_from_dotenv_is_reported_at_its_line(tmp_path: Path) -> None:
    # The tag is the variable's whole value: the fix is made in .env.
    files = {
        "compose.yaml": "services:\n  proxy:\n    image: nginx:${NGINX_TAG}\n",
        ".env": "# set by the release script\nNGINX_TAG=latest\n",
    }
    report = text(validate(tmp_path, files, select=("CC403",)), str(tmp_path))
    assert report.splitlines()[:3] == [
        f'.env:2:1: CC403 warning service "proxy" uses image "nginx:latest": {LATEST} [default]',
        "  hint: pin a version: nginx:<version>, or a digest: nginx:<version>@sha256:<digest>",
        "  compose.yaml:3:12: used here",
    ]
    files[".env"] = "NGINX_TAG=1.27.3\n"
    assert lines(tmp_path / "pinned", files, select=("CC403",)) == []


def test_image_from_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  cache:\n    extends:\n      file: common.yaml\n      service: redis\n"
        ),
        "common.yaml": "services:\n  redis:\n    image: redis\n",
    }
    assert lines(tmp_path, files, select=("CC403",)) == [
        f'common.yaml:3:12: CC403 warning service "cache" {no_tag("redis")} [default]'
    ]


def test_digest_info_is_info_whatever_the_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  db:\n    image: postgres:16.4\n",
        "compose.prod.yaml": "services:\n  db:\n    restart: always\n",
    }
    [finding] = validate(tmp_path, files, select=("CC403",))
    assert (finding.severity, finding.environments) == (Severity.INFO, ("prod",))
    assert finding.hint == (
        "pin the digest as well: postgres:16.4@sha256:<digest> (`docker buildx imagetools "
        "inspect postgres:16.4` prints it)"
    )


def test_same_image_warning_outside_production_error_in_it(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  cache:\n    image: redis\n",
        "compose.prod.yaml": "services:\n  cache:\n    restart: always\n",
    }
    assert lines(tmp_path, files, select=("CC403",)) == [
        f'compose.yaml:3:12: CC403 warning service "cache" {no_tag("redis")} [default]',
        f'compose.yaml:3:12: CC403 error service "cache" {no_tag("redis")} [prod]',
    ]


def test_tag_from_an_unset_variable(tmp_path: Path) -> None:
    files = {"compose.yaml": "services:\n  proxy:\n    image: nginx:${NGINX_TAG}\n"}
    assert lines(tmp_path, files, select=("CC403", "CC501")) == [
        'compose.yaml:3:12: CC403 warning service "proxy" uses image "nginx:" with an empty '
        "tag: the variable meant to set it is probably not set [default]",
        'compose.yaml:3:12: CC501 warning variable "NGINX_TAG" is not set: Compose '
        "substitutes an empty string in services.proxy.image [default]",
    ]


def test_a_latest_tag_an_env_file_supplies_is_reported_at_its_line(tmp_path: Path) -> None:
    # The tag is the variable's value: the fix is made in the env file of each
    # environment. A default written in the compose file stays the compose line.
    files = {
        "compose.yaml": (
            "services:\n  web:\n    image: nginx:${TAG}\n"
            "  api:\n    image: ${REGISTRY:-ghcr.io}/api:${API_TAG:-latest}\n"
        ),
        "compose.prod.yaml": "services:\n  web:\n    restart: always\n",
        ".env": "TAG=latest\n",
        ".env.prod": "API_TAG=1.4\nTAG=latest\n",
    }
    assert lines(tmp_path, files, select=("CC403",)) == [
        f'.env:1:1: CC403 warning service "web" uses image "nginx:latest": {LATEST} [default]',
        f'.env.prod:2:1: CC403 error service "web" uses image "nginx:latest": {LATEST} [prod]',
        'compose.yaml:5:12: CC403 info service "api" uses image "ghcr.io/api:1.4", pinned by '
        "tag but not by digest: the tag can be moved to a different image [prod]",
        'compose.yaml:5:12: CC403 warning service "api" uses image "ghcr.io/api:latest": '
        f"{LATEST} [default]",
    ]
    [web] = [f for f in validate(tmp_path, files, select=("CC403",)) if f.file.endswith(".env")]
    assert [(r.file, r.line, r.column, r.message) for r in web.related] == [
        (str(tmp_path / "compose.yaml"), 3, 12, "used here")
    ]
