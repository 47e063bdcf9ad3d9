"""CC302 missing-cpu-limit."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines

SELECT = ("CC302",)


def test_service_without_cpu_limit(tmp_path: Path) -> None:
    compose = """\
services:
  api:
    image: acme/api:1.4.2
    deploy:
      resources:
        limits:
          memory: 512M
  worker:
    image: acme/worker:2.0.1
    cpus: 0.5
  cache:
    image: redis:7.4.1
    deploy:
      resources:
        limits:
          cpus: "0.25"
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT, production=("default",)) == [
        'compose.yaml:2:3: CC302 warning service "api" has no CPU limit [default]',
    ]
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == []


def test_prod_override_drops_the_cpu_limit(tmp_path: Path) -> None:
    files = {
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    deploy:
      resources:
        limits:
          cpus: "1.0"
""",
        "compose.prod.yaml": """\
services:
  api:
    deploy:
      resources: !reset {}
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.prod.yaml:4:18: CC302 warning service "api" has no CPU limit: this override '
        "resets deploy.resources with !reset [prod]",
    ]


def test_limit_from_extends_source_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "API_CPUS=1.5\n",
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    cpus: ${API_CPUS}
  worker:
    extends:
      file: base.yaml
      service: sized
  sidecar:
    extends:
      file: base.yaml
      service: unsized
""",
        "base.yaml": """\
services:
  sized:
    image: acme/worker:2.0.1
    cpus: 0.5
  unsized:
    image: acme/sidecar:0.3.0
""",
    }
    assert lines(tmp_path, files, select=SELECT, production=("default",)) == [
        'compose.yaml:9:3: CC302 warning service "sidecar" has no CPU limit [default]',
    ]
