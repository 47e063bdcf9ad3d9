"""CC208 unused-volume."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_unused_volumes(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pg-data:/var/lib/postgresql/data\n"
            "  admin:\n"
            "    image: dpage/pgadmin4\n"
            "    profiles: [admin]\n"
            "    volumes:\n"
            "      - type: volume\n"
            "        source: pgadmin\n"
            "        target: /var/lib/pgadmin\n"
            "volumes:\n"
            "  pgdata:\n"
            "  pgadmin:\n"
            "  backups:\n"
            "    external: true\n"
        )
    }
    assert lines(tmp_path, files, select=("CC208",)) == [
        'compose.yaml:14:3: CC208 warning volume "pgdata" is declared but no service mounts it '
        "[default]",
        'compose.yaml:16:3: CC208 warning volume "backups" is declared but no service mounts it '
        "[default]",
    ]
    hints = [f.hint for f in validate(tmp_path, files, select=("CC208",))]
    assert hints == [
        "a service mounts 'pg-data', which is not declared: did you mean 'pgdata' there? "
        "Otherwise remove this declaration",
        "remove the declaration, or mount it (`backups:/path`) in the service that needs it",
    ]


def test_dotenv_turns_the_mount_into_a_bind_mount(tmp_path: Path) -> None:
    # The shape of openproject's stack: .env points the mount at a host folder.
    files = {
        ".env": 'PGDATA="/srv/pgdata"\n',
        "compose.yaml": (
            "volumes:\n"
            "  pgdata:\n"
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            '      - "${PGDATA:-pgdata}:/var/lib/postgresql/data"\n'
        ),
    }
    assert lines(tmp_path, files, select=("CC208",)) == [
        'compose.yaml:2:3: CC208 warning volume "pgdata" is declared but no service mounts it '
        "[default]",
    ]


def test_override_drops_the_mount(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pgdata:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  pgdata:\n"
        ),
        "compose.ci.yaml": "services:\n  db:\n    volumes: !reset []\n",
    }
    assert lines(tmp_path, files, select=("CC208",)) == [
        'compose.yaml:7:3: CC208 warning volume "pgdata" is declared but no service mounts it [ci]',
    ]


def test_mounted_through_extends(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  worker:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: app\n"
            "volumes:\n"
            "  cache:\n"
        ),
        "common.yaml": "services:\n  app:\n    image: x\n    volumes:\n      - cache:/cache\n",
    }
    assert lines(tmp_path, files, select=("CC208",)) == []
