"""CC501 unset-variable: from the loader's unset-variable notices, one per use."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def unset(where: str, name: str, path: str, envs: str) -> str:
    inside = f" in {path}" if path else ""
    return (
        f'{where}: CC501 warning variable "{name}" is not set: Compose substitutes an empty '
        f"string{inside} [{envs}]"
    )


def test_each_use_of_an_unset_variable(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:1.27.3\n"
            "    ports:\n"
            '      - "${WEB_PORT}:80"\n'
            "    environment:\n"
            "      API_URL: ${API_URL}\n"
            "      API_V2: ${API_URL}/v2\n"
            "      HOME_DIR: ${HOME}\n"
            "      LOG_LEVEL: ${LOG_LEVEL:-info}\n"
            "      LOG_FORMAT: ${LOG_FORMAT-}\n"
            "      PROMPT: $$PS1\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC501",)) == [
        unset("compose.yaml:5:9", "WEB_PORT", "services.web.ports.[]", "default"),
        unset("compose.yaml:7:16", "API_URL", "services.web.environment.API_URL", "default"),
        unset("compose.yaml:8:15", "API_URL", "services.web.environment.API_V2", "default"),
    ]


def test_dotenv_lines_matter(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx:${NGINX_TAG}\n"
            "    environment:\n"
            "      EXTRA_OPTS: ${EXTRA_OPTS}\n"
            "      API_URL: ${API_URL}\n"
        ),
        # Set, even to an empty value, is not unset; a variable used inside .env can be.
        ".env": "NGINX_TAG=1.27.3\nEXTRA_OPTS=\nAPI_URL=http://${API_HOST}/v1\n",
    }
    assert lines(tmp_path, files, select=("CC501",)) == [
        unset(".env:3:1", "API_HOST", "", "default"),
    ]


def test_set_only_for_production(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    image: nginx:1.27.3\n"
            "    environment:\n      SENTRY_DSN: ${SENTRY_DSN}\n"
        ),
        "compose.prod.yaml": "services:\n  web:\n    restart: always\n",
        ".env.prod": "SENTRY_DSN=https://key@sentry.example.com/1\n",
    }
    assert lines(tmp_path, files, select=("CC501",)) == [
        unset("compose.yaml:5:19", "SENTRY_DSN", "services.web.environment.SENTRY_DSN", "default"),
    ]


def test_override_and_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  cache:\n    extends:\n      file: common.yaml\n      service: redis\n"
        ),
        "common.yaml": (
            "services:\n  redis:\n    image: redis:7.4.1\n"
            "    command: redis-server --requirepass ${REDIS_PASSWORD}\n"
        ),
        "compose.prod.yaml": (
            "services:\n  cache:\n    environment:\n      REDIS_ARGS: $REDIS_ARGS\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC501",)) == [
        unset("common.yaml:4:14", "REDIS_PASSWORD", "services.redis.command", "default, prod"),
        unset(
            "compose.prod.yaml:4:19", "REDIS_ARGS", "services.cache.environment.REDIS_ARGS", "prod"
        ),
    ]


def test_hint(tmp_path: Path) -> None:
    files = {"compose.yaml": "services:\n  web:\n    image: nginx:1.27.3\n    user: ${APP_UID}\n"}
    [finding] = validate(tmp_path, files, select=("CC501",))
    assert finding.service == "web"
    assert finding.hint == (
        "set APP_UID in .env or an --env-file, give it a default ${APP_UID:-value}, "
        "or require it with ${APP_UID:?message}"
    )
