"""CC301 missing-memory-limit."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

SELECT = ("CC301",)


def test_service_without_memory_limit(tmp_path: Path) -> None:
    compose = """\
services:
  api:
    image: acme/api:1.4.2
    deploy:
      resources:
        limits:
          cpus: "1.0"
  worker:
    image: acme/worker:2.0.1
    mem_limit: 256m
  cache:
    image: redis:7.4.1
    deploy:
      resources:
        limits:
          memory: 128M
  spare:
    image: acme/api:1.4.2
    deploy:
      replicas: 0
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT, production=("default",)) == [
        'compose.yaml:2:3: CC301 error service "api" has no memory limit [default]',
    ]


def test_only_in_production(tmp_path: Path) -> None:
    compose = "services:\n  api:\n    image: acme/api:1.4.2\n"
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == []


def test_prod_override_drops_the_memory_limit(tmp_path: Path) -> None:
    files = {
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    deploy:
      resources:
        limits:
          memory: 512M
  worker:
    image: acme/worker:2.0.1
    mem_limit: 256m
""",
        "compose.prod.yaml": """\
services:
  api:
    deploy: !reset {}
  worker:
    mem_limit: !reset null
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.prod.yaml:3:13: CC301 error service "api" has no memory limit: this override '
        "resets deploy with !reset [prod]",
        'compose.prod.yaml:5:16: CC301 error service "worker" has no memory limit: this '
        "override resets mem_limit with !reset [prod]",
    ]


def test_limit_from_extends_source_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "API_MEMORY=512M\n",
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    mem_limit: ${API_MEMORY}
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
    deploy:
      resources:
        limits:
          memory: 256M
  unsized:
    image: acme/sidecar:0.3.0
""",
        "compose.prod.yaml": "services:\n  api:\n    restart: always\n",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.yaml:9:3: CC301 error service "sidecar" has no memory limit [prod]',
    ]


def test_reset_in_a_service_that_extends(tmp_path: Path) -> None:
    files = {
        "compose.yaml": """\
services:
  batch:
    extends:
      file: base.yaml
      service: sized
    mem_limit: !reset null
""",
        "base.yaml": """\
services:
  sized:
    image: acme/worker:2.0.1
    mem_limit: 256m
""",
    }
    assert lines(tmp_path, files, select=SELECT, production=("default",)) == [
        'compose.yaml:6:16: CC301 error service "batch" has no memory limit: this override '
        "resets mem_limit with !reset [default]",
    ]


def test_reset_is_blamed_only_for_what_the_base_had(tmp_path: Path) -> None:
    # The base sets a CPU limit but never a memory limit: `deploy: !reset {}` drops the
    # former, while the missing memory limit belongs to the service in the base file.
    files = {
        ".env": "API_CPUS=1.0\n",
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    deploy:
      resources:
        limits:
          cpus: "${API_CPUS}"
""",
        "compose.prod.yaml": """\
services:
  api:
    deploy: !reset {}
""",
    }
    assert lines(tmp_path, files, select=("CC301", "CC302")) == [
        'compose.prod.yaml:3:13: CC302 warning service "api" has no CPU limit: this override '
        "resets deploy with !reset [prod]",
        'compose.yaml:2:3: CC301 error service "api" has no memory limit [prod]',
    ]


def test_points_at_the_override_that_could_set_it(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  db:\n    image: postgres:16.4\n",
        "compose.prod.yaml": """\
services:
  db:
    command: postgres -c shared_buffers=1GB
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.yaml:2:3: CC301 error service "db" has no memory limit [prod]',
    ]
    found = validate(tmp_path, files, select=SELECT)
    assert [(r.file.rsplit("/", 1)[-1], r.line, r.message) for r in found[0].related] == [
        (
            "compose.prod.yaml",
            3,
            "this file configures the service too: a memory limit added here applies to the "
            "prod environment only",
        )
    ]


def test_cause_in_an_included_file(tmp_path: Path) -> None:
    image = (
        "ghcr.io/acme/api:1.4.2@sha256:"
        "4f2a5e1c8d7b6a9e0f3c2d1b5a8e7f6c9d0b3a2e1f4c7d8b9a6e5f0c3d2b1a4e"
    )
    files = {
        "compose.yaml": "include: [worker/compose.yaml]\n",
        "worker/compose.yaml": (
            f"services:\n  worker:\n    image: {image}\n    restart: always\n"
            "    healthcheck:\n      test: [CMD, 'true']\n"
            "    deploy:\n      resources:\n        limits:\n          cpus: '1'\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC301",), production=("default",)) == [
        'worker/compose.yaml:2:3: CC301 error service "worker" has no memory limit [default]'
    ]
