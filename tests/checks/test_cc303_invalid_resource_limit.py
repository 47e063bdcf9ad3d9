"""CC303 invalid-resource-limit."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

SELECT = ("CC303",)


def test_limits_that_cannot_hold(tmp_path: Path) -> None:
    compose = """\
services:
  db:
    image: postgres:16.4
    deploy:
      resources:
        limits:
          memory: 1G
          cpus: "0.5"
        reservations:
          memory: 2G
          cpus: "1"
  cache:
    image: redis:7.4.1
    mem_limit: 256m
    mem_reservation: 512m
    memswap_limit: 128m
  api:
    image: acme/api:1.4.2
    mem_limit: 512m
    cpus: 0
    deploy:
      resources:
        limits:
          memory: 1G
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == [
        'compose.yaml:10:19: CC303 error service "db" reserves 2 GiB with '
        "deploy.resources.reservations.memory, more than its limit of 1 GiB "
        "(deploy.resources.limits.memory) [default]",
        'compose.yaml:11:17: CC303 error service "db" reserves 1 CPU with '
        "deploy.resources.reservations.cpus, more than its limit of 0.5 CPUs "
        "(deploy.resources.limits.cpus) [default]",
        'compose.yaml:15:22: CC303 error service "cache" reserves 512 MiB with '
        "mem_reservation, more than its limit of 256 MiB (mem_limit) [default]",
        'compose.yaml:16:20: CC303 error service "cache" sets memswap_limit to 128 MiB, below '
        "its memory limit of 256 MiB [default]",
        'compose.yaml:19:16: CC303 error service "api" sets mem_limit to 512 MiB but '
        "deploy.resources.limits.memory to 1 GiB; Compose refuses two distinct values "
        "[default]",
        'compose.yaml:20:11: CC303 error service "api" sets cpus to 0 CPUs: Docker reads a '
        "value of zero or below as no limit at all [default]",
    ]


def test_consistent_limits_pass(tmp_path: Path) -> None:
    compose = """\
services:
  db:
    image: postgres:16.4
    mem_limit: 2g
    memswap_limit: -1
    cpus: 1
    deploy:
      resources:
        limits:
          memory: 2048M
          cpus: "1.0"
        reservations:
          memory: 1G
          cpus: "0.5"
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == []


def test_cause_in_override_extends_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "WORKER_MEMORY=0\n",
        "compose.yaml": """\
services:
  worker:
    image: acme/worker:2.0.1
    mem_limit: ${WORKER_MEMORY}
  db:
    extends:
      file: base.yaml
      service: postgres
""",
        "base.yaml": """\
services:
  postgres:
    image: postgres:16.4
    deploy:
      resources:
        reservations:
          memory: 1G
""",
        "compose.prod.yaml": """\
services:
  db:
    deploy:
      resources:
        limits:
          memory: 512M
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        # WORKER_MEMORY's whole value is written in .env: the finding is there.
        '.env:1:1: CC303 error service "worker" sets mem_limit to 0: Docker reads a '
        "value of zero or below as no limit at all [default, prod]",
        'base.yaml:7:19: CC303 error service "db" reserves 1 GiB with '
        "deploy.resources.reservations.memory, more than its limit of 512 MiB "
        "(deploy.resources.limits.memory) [prod]",
    ]
    found = validate(tmp_path, files, select=SELECT, environments=("prod",))
    assert [[(r.file.rsplit("/", 1)[-1], r.line, r.message) for r in f.related] for f in found] == [
        [("compose.yaml", 4, "used here")],
        [("compose.prod.yaml", 6, "the limit is set here")],
    ]
