"""CC212 duplicate-container-name."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_two_services_one_name(tmp_path: Path) -> None:
    compose = """\
services:
  web:
    image: nginx:1.27.2
    container_name: web
  web-canary:
    image: nginx:1.27.3
    container_name: web
  worker:
    image: acme/worker:2.0.1
    container_name: worker
    deploy:
      replicas: 3
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC212",)) == [
        'compose.yaml:7:21: CC212 error service "web-canary" uses container name "web", '
        'already taken by service "web" [default]',
        'compose.yaml:10:21: CC212 error service "worker" asks for 3 containers '
        '(deploy.replicas) but names them all "worker" [default]',
    ]
    canary = validate(tmp_path, {"compose.yaml": compose}, select=("CC212",))[0]
    assert [(r.line, r.column, r.message) for r in canary.related] == [
        (4, 21, 'service "web" takes the name here')
    ]


def test_distinct_names_and_profiles_pass(tmp_path: Path) -> None:
    compose = """\
services:
  web:
    image: nginx:1.27.2
    container_name: web
  web-debug:
    image: nginx:1.27.2
    container_name: web
    profiles: [debug]
  api:
    image: acme/api:1.4.2
    container_name: api
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC212",)) == []


def test_name_copied_by_extends_override_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "APP_CONTAINER=app\n",
        "compose.yaml": """\
services:
  app:
    image: acme/app:1.0.0
    container_name: ${APP_CONTAINER}
  app-admin:
    extends:
      file: base.yaml
      service: named
""",
        "base.yaml": """\
services:
  named:
    image: acme/app:1.0.0
    container_name: app
""",
        "compose.prod.yaml": """\
services:
  migrate:
    image: acme/app:1.0.0
    container_name: app
""",
    }
    assert lines(tmp_path, files, select=("CC212",)) == [
        'base.yaml:4:21: CC212 error service "app-admin" uses container name "app", already '
        'taken by service "app" [default, prod]',
        'compose.prod.yaml:4:21: CC212 error service "migrate" uses container name "app", '
        'already taken by service "app" [prod]',
    ]
