"""CC306 missing-healthcheck."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

SELECT = ("CC306",)


def test_long_running_service_without_healthcheck(tmp_path: Path) -> None:
    compose = """\
services:
  api:
    image: acme/api:1.4.2
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: acme/api:1.4.2
    command: ["alembic", "upgrade", "head"]
  seed:
    image: acme/api:1.4.2
    restart: "no"
  proxy:
    image: traefik:v3.1.6
    healthcheck:
      disable: true
  cache:
    image: redis:7.4.1
    healthcheck:
      test: ["NONE"]
  db:
    image: postgres:16.4
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U app"]
  tuned:
    image: acme/has-healthcheck:1.0.0
    healthcheck:
      interval: 10s
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT, production=("default",)) == [
        'compose.yaml:2:3: CC306 warning service "api" has no healthcheck [default]',
        'compose.yaml:16:16: CC306 warning service "proxy" switches its healthcheck off [default]',
        'compose.yaml:20:13: CC306 warning service "cache" switches its healthcheck off [default]',
    ]
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == []
    found = validate(tmp_path, {"compose.yaml": compose}, select=SELECT, production=("default",))
    assert "the image declares its own HEALTHCHECK" in found[0].hint


def test_prod_override_drops_the_healthcheck(tmp_path: Path) -> None:
    files = {
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
""",
        "compose.prod.yaml": """\
services:
  api:
    healthcheck: !reset {}
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.prod.yaml:3:18: CC306 warning service "api" has no healthcheck: this '
        "override resets healthcheck with !reset [prod]",
    ]


def test_healthcheck_from_extends_source_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "HEALTH_URL=http://localhost:8080/health\n",
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    healthcheck:
      test: ["CMD", "curl", "-f", "${HEALTH_URL}"]
  worker:
    extends:
      file: base.yaml
      service: checked
  sidecar:
    extends:
      file: base.yaml
      service: bare
""",
        "base.yaml": """\
services:
  checked:
    image: acme/worker:2.0.1
    healthcheck:
      test: ["CMD", "/app/worker", "--ping"]
  bare:
    image: acme/sidecar:0.3.0
""",
    }
    assert lines(tmp_path, files, select=SELECT, production=("default",)) == [
        'compose.yaml:10:3: CC306 warning service "sidecar" has no healthcheck [default]',
    ]
