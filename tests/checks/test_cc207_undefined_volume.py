"""CC207 undefined-volume."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_undeclared_named_volumes(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - pg-data:/var/lib/postgresql/data\n"
            "      - ./init:/docker-entrypoint-initdb.d:ro\n"
            "      - /var/run/postgresql\n"
            "      - type: volume\n"
            "        source: backups\n"
            "        target: /backups\n"
            "  web:\n"
            "    image: nginx\n"
            "    profiles: [web]\n"
            "    volumes:\n"
            "      - html:/usr/share/nginx/html:ro\n"
            "volumes:\n"
            "  pgdata:\n"
        ),
        "init/.keep": "",
        "html/index.html": "<p>hi</p>\n",
    }
    assert lines(tmp_path, files, select=("CC207",)) == [
        'compose.yaml:5:9: CC207 error service "db" mounts undefined volume "pg-data" [default]',
        'compose.yaml:9:17: CC207 error service "db" mounts undefined volume "backups" [default]',
        'compose.yaml:15:9: CC207 error service "web" mounts undefined volume "html" [default]',
    ]
    hints = [f.hint for f in validate(tmp_path, files, select=("CC207",))]
    assert hints == [
        "did you mean 'pgdata'? Otherwise declare it under top-level `volumes:` (`pg-data:`)",
        "declare it under top-level `volumes:` (`backups:`)",
        "to mount the folder next to the compose file, write `./html`; or declare it under "
        "top-level `volumes:` (`html:`)",
    ]


def test_mount_added_in_an_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "services:\n  db:\n    image: postgres:16\n",
        "compose.prod.yaml": (
            "services:\n  db:\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC207",)) == [
        'compose.prod.yaml:4:9: CC207 error service "db" mounts undefined volume "pgdata" [prod]',
    ]


def test_mount_written_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  worker:\n    extends:\n      file: common.yaml\n      service: app\n"
        ),
        "common.yaml": (
            "services:\n  app:\n    image: x\n    volumes:\n      - cache:/cache\n"
            "volumes:\n  cache:\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC207",)) == [
        'common.yaml:5:9: CC207 error service "worker" mounts undefined volume "cache" [default]',
    ]


def test_volume_name_from_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "DATA=pg_data\n",
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - ${DATA:-pgdata}:/var/lib/postgresql/data\n"
            "volumes:\n"
            "  pgdata:\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC207",)) == [
        'compose.yaml:5:9: CC207 error service "db" mounts undefined volume "pg_data" [default]',
    ]
    [finding] = validate(tmp_path, files, select=("CC207",))
    assert [(Path(r.file).name, r.line) for r in finding.related] == [(".env", 1)]


def test_dotenv_path_makes_it_a_bind_mount(tmp_path: Path) -> None:
    files = {
        ".env": "DATA=./data\n",
        "compose.yaml": (
            "services:\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    volumes:\n"
            "      - ${DATA:-pgdata}:/var/lib/postgresql/data\n"
            "      - type: volume\n"
            "        target: /scratch\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC207",)) == []
