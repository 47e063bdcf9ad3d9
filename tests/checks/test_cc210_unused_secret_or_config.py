"""CC210 unused-secret-or-config."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_unused_secrets_and_configs(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    image: example/api\n"
            "    build:\n"
            "      context: .\n"
            "      secrets: [npm_token]\n"
            "    secrets: [db_pasword]\n"
            "  tools:\n"
            "    image: example/tools\n"
            "    profiles: [debug]\n"
            "    configs: [tools_config]\n"
            "secrets:\n"
            "  npm_token:\n"
            "    environment: NPM_TOKEN\n"
            "  db_password:\n"
            "    environment: DB_PASSWORD\n"
            "configs:\n"
            "  tools_config:\n"
            "    content: hello\n"
            "  nginx_config:\n"
            "    content: hello\n"
        ),
        "Dockerfile": "FROM scratch\n",
    }
    assert lines(tmp_path, files, select=("CC210",)) == [
        'compose.yaml:15:3: CC210 warning secret "db_password" is declared but no service uses '
        "it [default]",
        'compose.yaml:20:3: CC210 warning config "nginx_config" is declared but no service uses '
        "it [default]",
    ]
    hints = [f.hint for f in validate(tmp_path, files, select=("CC210",))]
    assert hints == [
        "a service uses secret 'db_pasword', which is not declared: did you mean "
        "'db_password' there? Otherwise remove this declaration",
        "remove the declaration, or list 'nginx_config' under the `configs` of the service",
    ]


def test_override_stops_using_the_secret(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    secrets: [db_password]\n"
            "secrets:\n"
            "  db_password:\n"
            "    file: ./db_password.txt\n"
        ),
        "compose.dev.yaml": "services:\n  db:\n    secrets: !reset []\n",
        "db_password.txt": "x\n",
    }
    assert lines(tmp_path, files, select=("CC210",)) == [
        'compose.yaml:6:3: CC210 warning secret "db_password" is declared but no service uses '
        "it [dev]",
    ]


def test_used_through_extends(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: app\n"
            "configs:\n"
            "  app_config:\n"
            "    content: hello\n"
        ),
        "common.yaml": "services:\n  app:\n    image: x\n    configs: [app_config]\n",
    }
    assert lines(tmp_path, files, select=("CC210",)) == []
