"""CC209 undefined-secret-or-config."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_undeclared_secrets_configs_and_build_secrets(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    image: example/api\n"
            "    build:\n"
            "      context: .\n"
            "      secrets: [npm_token]\n"
            "    secrets:\n"
            "      - db_pasword\n"
            "      - source: api_key\n"
            "        target: /run/secrets/key\n"
            "    configs: [api_config]\n"
            "  tools:\n"
            "    image: example/tools\n"
            "    profiles: [debug]\n"
            "    configs:\n"
            "      - source: tools_config\n"
            "        target: /etc/tools.yaml\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
            "configs:\n"
            "  api_config:\n"
            "    file: ./api.yaml\n"
        ),
        "Dockerfile": "FROM scratch\n",
        "api.yaml": "{}\n",
    }
    assert lines(tmp_path, files, select=("CC209",)) == [
        'compose.yaml:6:17: CC209 error service "api" uses undefined build secret "npm_token" '
        "[default]",
        'compose.yaml:8:9: CC209 error service "api" uses undefined secret "db_pasword" [default]',
        'compose.yaml:9:17: CC209 error service "api" uses undefined secret "api_key" [default]',
        'compose.yaml:16:17: CC209 error service "tools" uses undefined config "tools_config" '
        "[default]",
    ]
    hints = {f.message: f.hint for f in validate(tmp_path, files, select=("CC209",))}
    assert hints['service "api" uses undefined secret "db_pasword"'] == (
        "did you mean 'db_password'? Otherwise declare it under top-level `secrets:` "
        "(`db_pasword:` with `file:` or `environment:`)"
    )


def test_secret_added_in_an_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  db:\n    image: postgres:16\n",
        "compose.prod.yaml": "services:\n  db:\n    secrets: [db_password]\n",
    }
    assert lines(tmp_path, files, select=("CC209",)) == [
        'compose.prod.yaml:3:15: CC209 error service "db" uses undefined secret "db_password" '
        "[prod]",
    ]


def test_secret_listed_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    extends:\n      file: common.yaml\n      service: app\n"
        ),
        "common.yaml": (
            "services:\n  app:\n    image: x\n    configs: [app_config]\n"
            "configs:\n  app_config:\n    content: hello\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC209",)) == [
        'common.yaml:4:15: CC209 error service "web" uses undefined config "app_config" [default]',
    ]


def test_secret_name_from_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "DB_SECRET=db_password_v2\n",
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    secrets:\n"
            "      - source: ${DB_SECRET:-db_password}\n"
            "        target: db_password\n"
            "secrets:\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC209",)) == [
        '.env:1:1: CC209 error service "db" uses undefined secret "db_password_v2" [default]',
    ]


def test_everything_declared(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    image: example/api\n"
            "    build:\n"
            "      context: .\n"
            "      secrets: [npm_token]\n"
            "    secrets: [npm_token]\n"
            "    configs: [api_config]\n"
            "secrets:\n"
            "  npm_token:\n"
            "    environment: NPM_TOKEN\n"
            "configs:\n"
            "  api_config:\n"
            "    content: hello\n"
        ),
        "Dockerfile": "FROM scratch\n",
    }
    assert lines(tmp_path, files, select=("CC209",)) == []
