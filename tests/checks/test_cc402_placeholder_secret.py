"""CC402 placeholder-secret: template placeholders under credential-like keys."""

from __future__ import annotations

from pathlib import Path

from composecheck.formatters import as_json, text
from tests.checks.helpers import lines, validate


def placeholder(where: str, message: str, envs: str = "default", level: str = "warning") -> str:
    return f"{where}: CC402 {level} {message}: a template value, not a secret to ship [{envs}]"


def test_placeholders_in_environment(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    image: ghcr.io/acme/api:1.0.0\n"
            "    environment:\n"
            "      JWT_SECRET: changeme\n"
            "      OPENAI_API_KEY: <your-openai-key>\n"
            "      STRIPE_SECRET_KEY: your_api_key_here\n"
            "      POSTGRES_USER: example\n"
            "      LOG_LEVEL: xxxx\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC4",)) == [
        placeholder(
            "compose.yaml:5:19",
            'environment variable JWT_SECRET of service "api" holds a placeholder secret '
            "(ch…(8 chars))",
        ),
        placeholder(
            "compose.yaml:6:23",
            'environment variable OPENAI_API_KEY of service "api" holds a placeholder API key '
            "(<y…(17 chars))",
        ),
        placeholder(
            "compose.yaml:7:26",
            'environment variable STRIPE_SECRET_KEY of service "api" holds a placeholder '
            "secret key (yo…(17 chars))",
        ),
    ]


def test_dotenv_override_and_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  worker:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: base\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    environment:\n"
            "      POSTGRES_PASSWORD: ${DB_PASS}\n"
        ),
        "common.yaml": (
            "services:\n  base:\n    image: ghcr.io/acme/worker:1.0.0\n"
            "    environment:\n      - API_TOKEN=replace-me\n"
        ),
        "compose.override.yaml": (
            "services:\n  db:\n    environment:\n      PGADMIN_PASSWORD: change-me\n"
        ),
        ".env": "DB_PASS=changeme\n",
    }
    assert lines(tmp_path, files, select=("CC402",)) == [
        placeholder(
            ".env:1:1",
            'variable DB_PASS (used by environment variable POSTGRES_PASSWORD of service "db") '
            "holds a placeholder password (ch…(8 chars))",
        ),
        placeholder(
            "common.yaml:5:9",
            'environment variable API_TOKEN of service "worker" holds a placeholder token '
            "(re…(10 chars))",
        ),
        placeholder(
            "compose.override.yaml:4:25",
            'environment variable PGADMIN_PASSWORD of service "db" holds a placeholder password '
            "(ch…(9 chars))",
        ),
    ]


def test_error_in_production(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n"
            "    environment:\n      JWT_SECRET: changeme\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC402",), production=("default",)) == [
        placeholder(
            "compose.yaml:5:19",
            'environment variable JWT_SECRET of service "api" holds a placeholder secret '
            "(ch…(8 chars))",
            level="error",
        ),
    ]


def test_placeholder_value_never_printed(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n"
            "    environment:\n      API_KEY: <insert-the-real-key>\n"
        ),
    }
    findings = validate(tmp_path, files, select=("CC402",))
    assert [f.code for f in findings] == ["CC402"]
    reports = text(findings, str(tmp_path)) + as_json(findings, str(tmp_path))
    assert "insert-the-real-key" not in reports
