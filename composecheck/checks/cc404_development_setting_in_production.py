"""CC404 development-setting-in-production: source mounts, debug switches, dev servers."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from composecheck.checks import Check, CheckDoc, Context, iter_list
from composecheck.findings import Finding, Severity
from composecheck.load.tree import YList, YMap

# Folders images conventionally keep their code in; the service's working_dir counts too.
_APP_DIRS = frozenset(
    {
        "/app",
        "/code",
        "/src",
        "/srv/app",
        "/opt/app",
        "/usr/src/app",
        "/home/node/app",
        "/var/www",
        "/var/www/html",
        "/var/www/app",
        "/workspace",
    }
)

_CODE_FOLDERS = frozenset({"src", "app", "lib", "code", "source", "templates"})

_CODE_SUFFIXES = frozenset({".py", ".js", ".mjs", ".ts", ".rb", ".php", ".go", ".java"})

_TRUE = frozenset({"1", "true", "yes", "on"})
_DEVELOPMENT = frozenset({"dev", "development", "local"})

# Variable -> values that switch development or debug behaviour on. Only these
# switches are ever quoted: their names and values say nothing secret.
_SWITCHES: dict[str, frozenset[str]] = {
    "FLASK_ENV": frozenset({"development"}),
    "FLASK_DEBUG": _TRUE,
    "DEBUG": _TRUE,
    "DJANGO_DEBUG": _TRUE,
    "APP_DEBUG": _TRUE,
    "WP_DEBUG": _TRUE,
    "NODE_ENV": _DEVELOPMENT,
    "RAILS_ENV": _DEVELOPMENT,
    "RACK_ENV": _DEVELOPMENT,
    "APP_ENV": _DEVELOPMENT,
    "MIX_ENV": _DEVELOPMENT,
    "ASPNETCORE_ENVIRONMENT": _DEVELOPMENT,
    "SPRING_PROFILES_ACTIVE": _DEVELOPMENT,
    "GIN_MODE": frozenset({"debug"}),
}

# What to write instead, where "production" is not the word.
_PRODUCTION_VALUES = {
    "FLASK_DEBUG": "0",
    "DEBUG": "0",
    "DJANGO_DEBUG": "false",
    "APP_DEBUG": "false",
    "WP_DEBUG": "false",
    "MIX_ENV": "prod",
    "ASPNETCORE_ENVIRONMENT": "Production",
    "SPRING_PROFILES_ACTIVE": "prod",
    "GIN_MODE": "release",
}

# Development servers: (pattern on the command line, how to name it).
_DEV_SERVERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bflask\b[^;&|]*?\srun\b"), "flask run"),
    (re.compile(r"\brunserver\b"), "manage.py runserver"),
    (re.compile(r"(^|\s)--reload\b"), "--reload"),
    (re.compile(r"\bnodemon\b"), "nodemon"),
    (re.compile(r"\bts-node-dev\b"), "ts-node-dev"),
    (re.compile(r"\b(npm|pnpm|yarn|bun)\s+(run\s+)?dev\b"), "npm run dev"),
    (re.compile(r"\bnext\s+dev\b"), "next dev"),
    (re.compile(r"\bng\s+serve\b"), "ng serve"),
    (re.compile(r"\bwebpack-dev-server\b|\bwebpack\s+serve\b"), "webpack serve"),
    (re.compile(r"\bfastapi\s+dev\b"), "fastapi dev"),
    (re.compile(r"\bartisan\s+serve\b"), "php artisan serve"),
    (re.compile(r"\bphp\s+-S\b"), "php -S"),
    (re.compile(r"\bdotnet\s+watch\b"), "dotnet watch"),
]


class DevelopmentSettingInProduction(Check):
    code = "CC404"
    name = "development-setting-in-production"
    summary = "source code bind-mounted, debug switches or a development server in production"
    severity = Severity.ERROR
    production_only = True
    doc = CheckDoc(
        what=(
            "In production environments, reports what belongs to a development setup: "
            "a bind mount of the build context, or of a folder of the project, onto the "
            "application folder (`.:/app`, `./src:/usr/src/app`, the service's "
            "`working_dir`); debug switches in `environment` (`FLASK_ENV=development`, "
            "`FLASK_DEBUG=1`, `DEBUG=true`, `DJANGO_DEBUG`, `NODE_ENV=development`, "
            "`RAILS_ENV=development`, `APP_ENV=dev`, `ASPNETCORE_ENVIRONMENT=Development`, "
            "...); and development servers in `command` or `entrypoint` (`flask run`, "
            "`manage.py runserver`, `--reload`, `nodemon`, `npm run dev`, `next dev`, "
            "...). A single source file mounted into the application folder counts; "
            "config files, config folders under `/etc` and data folders do not."
        ),
        why=(
            "A source mount makes the container run whatever is on the host instead of "
            "the image you built and tested, and the host's files change under it. Debug "
            "modes show stack traces, settings and sometimes an interactive console to "
            "anyone who triggers an error. Development servers are single-threaded, "
            "restart on file changes and are documented as unsafe for production. "
            "These settings usually leak in from a base file an override was meant to "
            "replace."
        ),
        example=(
            "services:\n"
            "  web:\n"
            "    image: ghcr.io/acme/shop-web:2.4.1@sha256:"
            "3f1e0a9c2b7d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f\n"
            "    restart: unless-stopped\n"
            "    environment:\n"
            "      FLASK_ENV: development\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-fsS", "http://localhost:8000/health"]\n'
            "      interval: 30s\n"
            "      timeout: 5s\n"
            "      retries: 3\n"
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
            "          memory: 512M\n"
        ),
        use_instead=(
            "services:\n"
            "  web:\n"
            "    image: ghcr.io/acme/shop-web:2.4.1@sha256:"
            "3f1e0a9c2b7d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f\n"
            "    restart: unless-stopped\n"
            "    environment:\n"
            "      LOG_LEVEL: info\n"
            "    healthcheck:\n"
            '      test: ["CMD", "curl", "-fsS", "http://localhost:8000/health"]\n'
            "      interval: 30s\n"
            "      timeout: 5s\n"
            "      retries: 3\n"
            "    deploy:\n"
            "      resources:\n"
            "        limits:\n"
            '          cpus: "1.0"\n'
            "          memory: 512M\n"
        ),
        options=(
            "None. Runs in production environments only (`prod`, `production`, "
            "`staging`, or `production = true` in the environment's configuration): "
            "these settings are what a development environment is for."
        ),
    )

    def run(self, ctx: Context) -> Iterator[Finding]:
        project = ctx.loaded.working_dir
        for name, service in sorted(ctx.services().items()):
            yield from self._mounts(ctx, name, service, project)
            yield from self._switches(ctx, name, service)
            yield from self._servers(ctx, name, service)

    def _mounts(self, ctx: Context, name: str, service: YMap, project: str) -> Iterator[Finding]:
        build = service.get("build")
        context = build.get("context") if isinstance(build, YMap) else None
        work = service.get("working_dir")
        app_dirs = _APP_DIRS | ({work.rstrip("/")} if isinstance(work, str) else set())
        for index, volume in iter_list(service.get("volumes")):
            if not isinstance(volume, YMap) or volume.get("type") != "bind":
                continue
            source, target = volume.get("source"), volume.get("target")
            if not isinstance(source, str) or not isinstance(target, str):
                continue
            target = target.rstrip("/") or "/"
            code_file = os.path.isfile(source)
            if code_file:
                # A config file is fine; a source file patched into the app is not.
                in_app = any(_inside(target, d) for d in app_dirs)
                if not (in_app and os.path.splitext(source)[1] in _CODE_SUFFIXES):
                    continue
            # The build context itself, or a project folder holding it. Onto /etc it is a
            # config folder: some images are built from the config they then mount.
            whole_context = (
                isinstance(context, str)
                and _inside(context, source)
                and (_inside(source, project) or source == context)
                and not _inside(target, "/etc")
            )
            code_folder = _inside(source, project) and target in app_dirs
            # ./src onto /app/src: a code folder of the build, by its conventional name.
            code_part = (
                isinstance(context, str)
                and _inside(source, context)
                and os.path.basename(source) in _CODE_FOLDERS
                and any(_inside(target, d) for d in app_dirs)
            )
            if not (whole_context or code_file or code_folder or code_part):
                continue
            shown = _relative(source, project)
            kind = "file" if code_file else "folder"
            yield ctx.finding(
                self,
                f'service "{name}" bind-mounts the source {kind} "{shown}" onto "{target}": '
                "the container runs the files on this host, not the image that was built",
                "remove this mount from production (keep it in a development override such "
                "as compose.dev.yaml) and COPY the code into the image",
                path=("services", name, "volumes", index),
                service=name,
            )

    def _switches(self, ctx: Context, name: str, service: YMap) -> Iterator[Finding]:
        environment = service.get("environment")
        if not isinstance(environment, YMap):
            return
        for key in sorted(environment):
            values = _SWITCHES.get(key)
            value = environment[key]
            if values is None or value is None or str(value).lower() not in values:
                continue
            yield ctx.finding(
                self,
                f'service "{name}" sets {key}={value}: a development or debug mode in production',
                f"set {key}={_PRODUCTION_VALUES.get(key, 'production')} (or leave it out) in "
                "the production environment; keep the development value in a development "
                "override such as compose.dev.yaml",
                path=("services", name, "environment", key),
                service=name,
            )

    def _servers(self, ctx: Context, name: str, service: YMap) -> Iterator[Finding]:
        for attribute in ("entrypoint", "command"):
            value = service.get(attribute)
            if isinstance(value, YList):
                line = " ".join(str(part) for part in value)
            elif isinstance(value, str):
                line = value
            else:
                continue
            for pattern, label in _DEV_SERVERS:
                if pattern.search(line):
                    yield ctx.finding(
                        self,
                        f'service "{name}" runs a development server ({label}) in its {attribute}',
                        "run a production server in production (gunicorn, uvicorn without "
                        "--reload, node on the built code, ...): usually the image's own "
                        "command, so drop this override from the production environment",
                        path=("services", name, attribute),
                        service=name,
                    )
                    break


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or below it."""
    path, folder = os.path.normpath(path), os.path.normpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _relative(path: str, project: str) -> str:
    if _inside(path, project):
        rel = os.path.relpath(path, project)
        return "." if rel == "." else f"./{rel}"
    return path
