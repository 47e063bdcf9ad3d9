"""CC304 invalid-restart-policy."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

SELECT = ("CC304",)


def test_invalid_and_contradicting_policies(tmp_path: Path) -> None:
    compose = """\
services:
  web:
    image: nginx:1.27.2
    restart: alwayz
  worker:
    image: acme/worker:2.0.1
    restart: on-failure:three
  api:
    image: acme/api:1.4.2
    deploy:
      restart_policy:
        condition: always
  db:
    image: postgres:16.4
    restart: always
    deploy:
      restart_policy:
        condition: none
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == [
        'compose.yaml:4:14: CC304 error service "web" has restart "alwayz", which is not a '
        "restart policy [default]",
        'compose.yaml:7:14: CC304 error service "worker" has restart "on-failure:three", '
        "which is not a restart policy [default]",
        'compose.yaml:12:20: CC304 error service "api" has deploy.restart_policy.condition '
        '"always", which is not a restart condition [default]',
        'compose.yaml:18:20: CC304 error service "db" has deploy.restart_policy.condition '
        '"none", which contradicts restart "always" [default]',
    ]


def test_valid_policies_pass(tmp_path: Path) -> None:
    compose = """\
services:
  web:
    image: nginx:1.27.2
    restart: unless-stopped
    deploy:
      restart_policy:
        condition: any
  worker:
    image: acme/worker:2.0.1
    restart: on-failure:5
    deploy:
      restart_policy:
        condition: on-failure
        max_attempts: 5
  migrate:
    image: acme/api:1.4.2
    restart: "no"
  job:
    image: acme/api:1.4.2
    restart: no
    deploy:
      restart_policy:
        condition: none
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=SELECT) == []


def test_cause_in_override_extends_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "RESTART=unles-stopped\n",
        "compose.yaml": """\
services:
  web:
    image: nginx:1.27.2
    restart: ${RESTART}
  worker:
    extends:
      file: base.yaml
      service: restarted
""",
        "base.yaml": """\
services:
  restarted:
    image: acme/worker:2.0.1
    restart: always
""",
        "compose.prod.yaml": """\
services:
  worker:
    deploy:
      restart_policy:
        condition: on-failure
""",
    }
    assert lines(tmp_path, files, select=SELECT) == [
        # RESTART's whole value is written in .env: the finding is there.
        '.env:1:1: CC304 error service "web" has restart "unles-stopped", which is '
        "not a restart policy [default, prod]",
        'compose.prod.yaml:5:20: CC304 error service "worker" has '
        'deploy.restart_policy.condition "on-failure", which contradicts restart "always" '
        "[prod]",
    ]
    hints = {f.message: f.hint for f in validate(tmp_path, files, select=SELECT)}
    assert hints['service "web" has restart "unles-stopped", which is not a restart policy'] == (
        "did you mean 'unless-stopped'? Valid values: no, always, on-failure, unless-stopped, "
        "on-failure:N"
    )
