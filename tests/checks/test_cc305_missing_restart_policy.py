"""CC305 missing-restart-policy."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines

SELECT = ("CC305",)


def test_long_running_service_without_policy(tmp_path: Path) -> None:
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
  worker:
    image: acme/worker:2.0.1
    deploy:
      restart_policy:
        condition: on-failure
  backup:
    image: acme/backup:1.0.0
    deploy:
      mode: replicated-job
  web:
    image: nginx:1.27.2
    restart: unless-stopped
  spare:
    image: nginx:1.27.2
    scale: 0
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT, production=("default",)) == [
        'compose.yaml:2:3: CC305 error service "api" has no restart policy, so it stays down '
        "after a crash or a reboot [default]",
    ]
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == []


def test_prod_override_drops_the_policy(tmp_path: Path) -> None:
    files = {
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    restart: always
""",
        "compose.prod.yaml": """\
services:
  api:
    restart: !reset null
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.prod.yaml:3:14: CC305 error service "api" has no restart policy: this '
        "override resets restart with !reset [prod]",
    ]


def test_policy_from_extends_source_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "RESTART=unless-stopped\n",
        "compose.yaml": """\
services:
  api:
    image: acme/api:1.4.2
    restart: ${RESTART}
  worker:
    extends:
      file: base.yaml
      service: restarted
  sidecar:
    extends:
      file: base.yaml
      service: bare
""",
        "base.yaml": """\
services:
  restarted:
    image: acme/worker:2.0.1
    restart: always
  bare:
    image: acme/sidecar:0.3.0
""",
        "compose.prod.yaml": "services:\n  api:\n    mem_limit: 512m\n",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        'compose.yaml:9:3: CC305 error service "sidecar" has no restart policy, so it stays '
        "down after a crash or a reboot [prod]",
    ]
