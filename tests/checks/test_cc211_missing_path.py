"""CC211 missing-path."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate, write


def test_missing_files_and_folders(tmp_path: Path) -> None:
    compose = """\
services:
  api:
    build:
      context: ./api
  web:
    build:
      context: .
      dockerfile: docker/web.Dockerfile
    volumes:
      - ./static:/srv/static
      - type: bind
        source: ./nginx.conf
        target: /etc/nginx/nginx.conf
    secrets: [tls_key]
secrets:
  tls_key:
    file: ./certs/tls.key
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC211",)) == [
        'compose.yaml:4:16: CC211 error service "api" builds from ./api, which does not exist'
        " [default]",
        'compose.yaml:8:19: CC211 error service "web" builds with Dockerfile '
        "docker/web.Dockerfile, which does not exist in . [default]",
        'compose.yaml:10:9: CC211 warning service "web" mounts ./static, which does not exist:'
        " Compose will create it as an empty folder [default]",
        'compose.yaml:12:17: CC211 error service "web" mounts ./nginx.conf, which does not '
        "exist, and Docker refuses to create the container [default]",
        'compose.yaml:17:11: CC211 error secret "tls_key" reads ./certs/tls.key, which does '
        "not exist [default]",
    ]


def test_present_remote_inline_and_host_paths_pass(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "api/Dockerfile": "FROM python:3.12-slim\n",
            "static/index.html": "<h1>hi</h1>\n",
            "certs/tls.key": "not a real key\n",
        },
    )
    compose = """\
services:
  api:
    build: ./api
    volumes:
      - ./static:/srv/static
      - /var/run/docker.sock:/var/run/docker.sock
    secrets: [tls_key]
  tool:
    build:
      context: https://github.com/acme/tool.git#v1.2.0
  inline:
    build:
      context: ./api
      dockerfile_inline: |
        FROM alpine:3.20
secrets:
  tls_key:
    file: ./certs/tls.key
  unused_elsewhere:
    file: /etc/ssl/private/host.key
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC211",)) == []


def test_missing_path_in_override_extends_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "DATA_DIR=./data\n",
        "compose.yaml": """\
services:
  db:
    extends:
      file: common/base.yaml
      service: postgres
    volumes:
      - ${DATA_DIR}:/var/lib/postgresql/data
""",
        "common/base.yaml": """\
services:
  postgres:
    image: postgres:16.4
    build: ./postgres
""",
        "compose.prod.yaml": """\
services:
  db:
    volumes:
      - ./backups:/backups
""",
    }
    assert lines(tmp_path, files, select=("CC211",)) == [
        'common/base.yaml:4:12: CC211 error service "db" builds from ./common/postgres, which '
        "does not exist [default, prod]",
        'compose.prod.yaml:4:9: CC211 warning service "db" mounts ./backups, which does not '
        "exist: Compose will create it as an empty folder [prod]",
        'compose.yaml:7:9: CC211 warning service "db" mounts ./data, which does not exist: '
        "Compose will create it as an empty folder [default, prod]",
    ]
    found = validate(tmp_path, files, select=("CC211",), environments=("default",))
    data = next(f for f in found if "./data" in f.message)
    assert [(r.file.rsplit("/", 1)[-1], r.line, r.message) for r in data.related] == [
        (".env", 1, "the value comes from here")
    ]
