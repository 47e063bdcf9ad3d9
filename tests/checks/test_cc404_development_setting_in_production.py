"""CC404 development-setting-in-production."""

from __future__ import annotations

from pathlib import Path

import pytest

from composecheck.formatters import text
from tests.checks.helpers import lines, validate

SELECT = {"select": ("CC404",)}
PROD = {"select": ("CC404",), "production": ("default",)}


def mount(
    where: str, service: str, source: str, target: str, envs: str = "prod", kind: str = "folder"
) -> str:
    return (
        f'{where}: CC404 error service "{service}" bind-mounts the source {kind} "{source}" '
        f'onto "{target}": the container runs the files on this host, not the image that was '
        f"built [{envs}]"
    )


def switch(where: str, service: str, setting: str, envs: str = "prod") -> str:
    return (
        f'{where}: CC404 error service "{service}" sets {setting}: a development or debug '
        f"mode in production [{envs}]"
    )


def server(where: str, service: str, label: str, attribute: str, envs: str = "prod") -> str:
    return (
        f'{where}: CC404 error service "{service}" runs a development server ({label}) in '
        f"its {attribute} [{envs}]"
    )


# The shape of fixtures/example: a base file, a development and a production override.
BASE = (
    "services:\n"
    "  web:\n"
    "    build:\n"
    "      context: ./app\n"
    "    image: registry.example.com/acme/web:${TAG:-latest}\n"
    "    environment:\n"
    "      FLASK_ENV: development\n"
    "      POSTGRES_HOST: db\n"
    "  db:\n"
    "    image: postgres:16.4\n"
)
DEV = (
    "services:\n"
    "  web:\n"
    "    volumes:\n"
    "      - ./app:/app\n"
    "    environment:\n"
    "      - FLASK_DEBUG=1\n"
    "    command: flask run --host=0.0.0.0\n"
)


def test_development_settings_are_fine_outside_production(tmp_path: Path) -> None:
    files = {"compose.yaml": BASE, "compose.dev.yaml": DEV, "app/Dockerfile": "FROM scratch\n"}
    # default and dev are not production environments.
    assert lines(tmp_path, files, **SELECT) == []


def test_base_file_setting_that_production_does_not_replace(tmp_path: Path) -> None:
    files = {
        "compose.yaml": BASE,
        "compose.dev.yaml": DEV,
        "compose.prod.yaml": "services:\n  web:\n    restart: always\n",
        "app/Dockerfile": "FROM scratch\n",
    }
    assert lines(tmp_path, files, **SELECT) == [
        switch("compose.yaml:7:18", "web", "FLASK_ENV=development"),
    ]
    # Replaced in compose.prod.yaml, it is gone.
    files["compose.prod.yaml"] = (
        "services:\n  web:\n    environment:\n      - FLASK_ENV=production\n"
    )
    assert lines(tmp_path / "replaced", files, **SELECT) == []


def test_settings_written_in_the_production_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": BASE.replace("development", "production"),
        "compose.prod.yaml": DEV,
        "app/Dockerfile": "FROM scratch\n",
    }
    assert lines(tmp_path, files, **SELECT) == [
        mount("compose.prod.yaml:4:9", "web", "./app", "/app"),
        switch("compose.prod.yaml:6:9", "web", "FLASK_DEBUG=1"),
        server("compose.prod.yaml:7:14", "web", "flask run", "command"),
    ]


def test_host_and_config_mounts_of_built_services(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  sentry:\n"
            "    build: ./sentry\n"
            "    volumes:\n"
            "      - ./sentry:/etc/sentry\n"
            "  metricbeat:\n"
            "    build: ./metricbeat\n"
            "    volumes:\n"
            "      - /:/hostfs:ro\n"
        ),
        "sentry/Dockerfile": "FROM getsentry/sentry:25.1.0\n",
        "metricbeat/Dockerfile": "FROM elastic/metricbeat:8.17.0\n",
    }
    assert lines(tmp_path, files, **PROD) == []


def test_source_mounts(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    build: .\n"
            "    working_dir: /srv/shop\n"
            "    volumes:\n"
            "      - .:/srv/shop\n"
            "      - ./src:/usr/src/app/src\n"
            "      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n"
            "      - ./settings.py:/srv/shop/settings.py:ro\n"
            "      - ./gunicorn.conf:/srv/shop/gunicorn.conf:ro\n"
            "      - ./uploads:/srv/shop/uploads\n"
            "      - node_modules:/srv/shop/node_modules\n"
            "  proxy:\n"
            "    image: nginx:1.27.3\n"
            "    volumes:\n"
            "      - ./site:/usr/share/nginx/html:ro\n"
            "      - ./public:/var/www/html\n"
            "  db:\n"
            "    image: postgres:16.4\n"
            "    volumes:\n"
            "      - ./data:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  node_modules:\n"
        ),
        "Dockerfile": "FROM node:22-slim\n",
        "nginx.conf": "events {}\n",
        "settings.py": "DEBUG = False\n",
        "gunicorn.conf": "workers = 4\n",
    }
    assert lines(tmp_path, files, **PROD) == [
        mount("compose.yaml:6:9", "web", ".", "/srv/shop", "default"),
        mount("compose.yaml:7:9", "web", "./src", "/usr/src/app/src", "default"),
        mount(
            "compose.yaml:9:9", "web", "./settings.py", "/srv/shop/settings.py", "default", "file"
        ),
        mount("compose.yaml:17:9", "proxy", "./public", "/var/www/html", "default"),
    ]


@pytest.mark.parametrize(
    ("setting", "flagged"),
    [
        ("FLASK_ENV: development", True),
        ("FLASK_DEBUG: '1'", True),
        ("FLASK_DEBUG: '0'", False),
        ("DEBUG: 'true'", True),
        ("DEBUG: 'False'", False),
        ("DJANGO_DEBUG: 'True'", True),
        ("NODE_ENV: development", True),
        ("NODE_ENV: production", False),
        ("RAILS_ENV: development", True),
        ("APP_ENV: dev", True),
        ("APP_ENV: prod", False),
        ("ASPNETCORE_ENVIRONMENT: Development", True),
        ("GIN_MODE: debug", True),
        ("LOG_LEVEL: debug", False),
        ("SECRET_KEY: development", False),
    ],
)
def test_debug_switches(tmp_path: Path, setting: str, flagged: bool) -> None:
    files = {
        "compose.yaml": (
            f"services:\n  web:\n    image: acme/web:1.4.2\n    environment:\n      {setting}\n"
        )
    }
    found = lines(tmp_path, files, **PROD)
    key, _, value = setting.partition(": ")
    shown = f"{key}={value.strip(chr(39))}"
    assert found == (
        [switch("compose.yaml:5:" + str(7 + len(key) + 2), "web", shown, "default")]
        if flagged
        else []
    )


@pytest.mark.parametrize(
    ("command", "label"),
    [
        ("flask run --host=0.0.0.0", "flask run"),
        ("flask --app shop --debug run", "flask run"),
        ("python manage.py runserver 0.0.0.0:8000", "manage.py runserver"),
        ('["uvicorn", "shop.main:app", "--host", "0.0.0.0", "--reload"]', "--reload"),
        ("gunicorn --reload -b 0.0.0.0:8000 shop.wsgi", "--reload"),
        ("nodemon server.js", "nodemon"),
        ("npm run dev", "npm run dev"),
        ("yarn dev", "npm run dev"),
        ("npx next dev", "next dev"),
        ("sh -c 'npm ci && npm run dev'", "npm run dev"),
        ("php artisan serve --host=0.0.0.0", "php artisan serve"),
        ("gunicorn -b 0.0.0.0:8000 shop.wsgi", None),
        ("uvicorn shop.main:app --host 0.0.0.0", None),
        ("npm start", None),
        ("node dist/server.js", None),
        ("python -m flask_migrate upgrade", None),
        ("sh -c 'flask db upgrade && exec gunicorn -b :8000 app:run'", None),
    ],
)
def test_development_servers(tmp_path: Path, command: str, label: str | None) -> None:
    files = {
        "compose.yaml": f"services:\n  web:\n    image: acme/web:1.4.2\n    command: {command}\n"
    }
    expected = [server("compose.yaml:4:14", "web", label, "command", "default")] if label else []
    assert lines(tmp_path, files, **PROD) == expected


def test_entrypoint(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    image: acme/web:1.4.2\n"
            '    entrypoint: ["nodemon", "--watch", "src"]\n'
        )
    }
    assert lines(tmp_path, files, **PROD) == [
        server("compose.yaml:4:17", "web", "nodemon", "entrypoint", "default")
    ]


def test_env_file_extends_and_dotenv(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    image: acme/api:2.0.1\n"
            "    env_file: api.env\n"
            "  worker:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: python\n"
            "  web:\n"
            "    image: acme/web:1.4.2\n"
            "    environment:\n"
            "      FLASK_DEBUG: ${FLASK_DEBUG:-0}\n"
        ),
        "api.env": "# shared with the local setup\nNODE_ENV=development\nAPI_TOKEN=s3cr3t\n",
        "common.yaml": (
            "services:\n  python:\n    image: acme/worker:1.4.2\n"
            "    environment:\n      - DJANGO_DEBUG=true\n"
        ),
        ".env": "FLASK_DEBUG=1\n",
    }
    findings = validate(tmp_path, files, select=("CC404",), production=("default",))
    report = text(findings, str(tmp_path))
    assert report.splitlines() == [
        # FLASK_DEBUG's whole value is written in .env: the finding is there.
        switch(".env:1:1", "web", "FLASK_DEBUG=1", "default"),
        "  hint: set FLASK_DEBUG=0 (or leave it out) in the production environment; "
        "keep the development value in a development override such as compose.dev.yaml",
        "  compose.yaml:12:20: used here",
        "",
        switch("api.env:2:1", "api", "NODE_ENV=development", "default"),
        "  hint: set NODE_ENV=production (or leave it out) in the production environment; "
        "keep the development value in a development override such as compose.dev.yaml",
        "",
        switch("common.yaml:5:9", "worker", "DJANGO_DEBUG=true", "default"),
        "  hint: set DJANGO_DEBUG=false (or leave it out) in the production environment; "
        "keep the development value in a development override such as compose.dev.yaml",
        "",
        "Found 3 problems (3 errors, 0 warnings, 0 info).",
    ]
    # Secrets next to a switch are never quoted.
    assert "s3cr3t" not in report
