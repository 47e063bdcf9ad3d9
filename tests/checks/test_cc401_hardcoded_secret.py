"""CC401 hardcoded-secret: literal secrets on every surface, at the line they are written."""

from __future__ import annotations

from pathlib import Path

from composecheck.formatters import as_json, text
from tests.checks.helpers import lines, validate


def secret(where: str, message: str, envs: str = "default") -> str:
    return f"{where}: CC401 error {message} [{envs}]"


def test_environment_list_and_map(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      - POSTGRES_PASSWORD=password\n"
            "      - POSTGRES_USER=postgres\n"
            "      - PASSWORD_MIN_LENGTH=8\n"
            "      - POSTGRES_PASSWORD_FILE=/run/secrets/db\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.0.0\n"
            "    environment:\n"
            "      DATABASE_URL: postgres://app:Kq8vL2xZ@db/app\n"
            "      JWT_SECRET: ${JWT_SECRET:-}\n"
            "      STRIPE_PUBLISHABLE_KEY: pk_live_abcdefghijklmnop1234\n"
            "      AWS_ACCESS_KEY_ID: AKIAZ7X2Q4R5T6Y7U8I9\n"
            "      SHELL_VAR: $$HOME\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC401",), environments=("default",)) == [
        secret(
            "compose.yaml:5:9",
            'environment variable POSTGRES_PASSWORD of service "db" holds a hardcoded password '
            "(pa…(8 chars), a well-known default)",
        ),
        secret(
            "compose.yaml:12:21",
            'environment variable DATABASE_URL of service "api" holds a password in a URL '
            "(po…(30 chars))",
        ),
        secret(
            "compose.yaml:15:26",
            'environment variable AWS_ACCESS_KEY_ID of service "api" holds an AWS access key id '
            "(AK…(20 chars))",
        ),
    ]


def test_build_args_labels_commands_and_extensions(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "x-db-env: &db-env\n"
            "  DB_PASSWORD: Kq8vL2xZ\n"
            "services:\n"
            "  app:\n"
            "    image: ghcr.io/acme/app:1.0.0\n"
            "    build:\n"
            "      context: .\n"
            "      args:\n"
            "        NPM_TOKEN: npm_abcdefghijklmnopqrstuvwxyz0123456789\n"
            "    labels:\n"
            "      traefik.http.middlewares.auth.basicauth.users: "
            '"admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/"\n'
            "    command: redis-server --requirepass Kq8vL2xZ\n"
            "    environment: *db-env\n"
            "    healthcheck:\n"
            '      test: ["CMD-SHELL", "mysqladmin ping -uroot -pKq8vL2xZ"]\n'
            "configs:\n"
            "  app:\n"
            "    content: |\n"
            "      user = app\n"
            "      password = Kq8vL2xZ\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC401",)) == [
        # The anchor's definition, once, though two places use it.
        secret(
            "compose.yaml:2:16",
            'environment variable DB_PASSWORD of service "app" holds a hardcoded password '
            "(Kq…(8 chars))",
        ),
        secret(
            "compose.yaml:9:20",
            'build argument NPM_TOKEN of service "app" holds an npm token (np…(40 chars))',
        ),
        secret(
            "compose.yaml:11:54",
            'label traefik.http.middlewares.auth.basicauth.users of service "app" holds an '
            "htpasswd hash (ad…(43 chars))",
        ),
        secret(
            "compose.yaml:12:14",
            'command of service "app" (requirepass) holds a hardcoded password (Kq…(8 chars))',
        ),
        secret(
            "compose.yaml:15:27",
            'healthcheck test of service "app" (password) holds a hardcoded password '
            "(Kq…(8 chars))",
        ),
        secret(
            "compose.yaml:20:18",
            'content of config "app" (password) holds a hardcoded password (Kq…(8 chars))',
        ),
    ]


def test_dotenv_line_override_and_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  cache:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: redis\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD: ${DB_PASS}\n"
            "      POSTGRES_USER: ${DB_USER}\n"
        ),
        "common.yaml": (
            "services:\n  redis:\n    image: redis:7.4.1\n"
            "    command: redis-server --requirepass Kq8vL2xZ\n"
        ),
        "compose.override.yaml": (
            "services:\n  db:\n    environment:\n      PGADMIN_PASSWORD: hunter22x\n"
        ),
        ".env": "DB_USER=app\nDB_PASS=Zx9wQ3rT\n",
    }
    assert lines(tmp_path, files, select=("CC401",)) == [
        secret(
            ".env:2:1",
            'variable DB_PASS (used by environment variable POSTGRES_PASSWORD of service "db") '
            "holds a hardcoded password (Zx…(8 chars))",
        ),
        secret(
            "common.yaml:4:14",
            'command of service "cache" (requirepass) holds a hardcoded password (Kq…(8 chars))',
        ),
        secret(
            "compose.override.yaml:4:25",
            'environment variable PGADMIN_PASSWORD of service "db" holds a hardcoded password '
            "(hu…(9 chars))",
        ),
    ]


def test_template_default(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD: ${DB_PASS:-Kq8vL2xZ}\n"
        ),
        ".env": "DB_PASS=Zx9wQ3rT\n",
    }
    assert lines(tmp_path, files, select=("CC401",)) == [
        secret(
            ".env:1:1",
            'variable DB_PASS (used by environment variable POSTGRES_PASSWORD of service "db") '
            "holds a hardcoded password (Zx…(8 chars))",
        ),
        secret(
            "compose.yaml:5:26",
            'the default of ${DB_PASS} in environment variable POSTGRES_PASSWORD of service "db" '
            "holds a hardcoded password (Kq…(8 chars))",
        ),
    ]


def test_hint_names_the_file_variant(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  db:\n    image: postgres:16.4\n"
            "    environment:\n      POSTGRES_PASSWORD: Kq8vL2xZ\n"
        )
    }
    [finding] = validate(tmp_path, files, select=("CC401",))
    assert finding.service == "db"
    assert "POSTGRES_PASSWORD_FILE=/run/secrets/" in finding.hint
    assert "secrets:" in finding.hint


def test_no_secret_value_in_any_report(tmp_path: Path) -> None:
    values = [
        "Kq8vL2xZ-very-secret",
        "npm_abcdefghijklmnopqrstuvwxyz0123456789",
        "Zx9wQ3rT-from-dotenv",
        "hunter22-in-a-url",
    ]
    files = {
        "compose.yaml": (
            "services:\n"
            "  app:\n"
            "    image: ghcr.io/acme/app:1.0.0\n"
            "    build:\n"
            "      context: .\n"
            f"      args:\n        NPM_TOKEN: {values[1]}\n"
            "    environment:\n"
            f"      - APP_SECRET={values[0]}\n"
            "      - DB_PASSWORD=${DB_PASSWORD}\n"
            f"      - DATABASE_URL=postgres://app:{values[3]}@db/app\n"
        ),
        ".env": f"DB_PASSWORD={values[2]}\n",
    }
    findings = validate(tmp_path, files)
    assert len([f for f in findings if f.code == "CC401"]) == 4
    reports = text(findings, str(tmp_path)) + as_json(findings, str(tmp_path))
    for value in values:
        assert value not in reports
        assert value[2:8] not in reports
