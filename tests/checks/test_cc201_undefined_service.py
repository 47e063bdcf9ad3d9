"""CC201 undefined-service: exact report lines, in the base file, an override and extends."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines

BASE = (
    "services:\n  web:\n    image: nginx:1.27\n    depends_on: [databse]\n"
    "  database:\n    image: postgres:16\n"
)


def test_typo_in_depends_on(tmp_path: Path) -> None:
    assert lines(tmp_path, {"compose.yaml": BASE}, select=("CC201",)) == [
        'compose.yaml:4:18: CC201 error service "web" refers to undefined service "databse" '
        "in depends_on [default]"
    ]


def test_all_reference_kinds(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  app:\n"
            "    image: app:1\n"
            "    links: ['cache:redis']\n"
            "    volumes_from: [data, 'container:legacy']\n"
            "    network_mode: service:vpn\n"
        )
    }
    assert lines(tmp_path, files, select=("CC201",)) == [
        'compose.yaml:4:13: CC201 error service "app" refers to undefined service "cache" in '
        "links [default]",
        'compose.yaml:5:20: CC201 error service "app" refers to undefined service "data" in '
        "volumes_from [default]",
        'compose.yaml:6:19: CC201 error service "app" refers to undefined service "vpn" in '
        "network_mode [default]",
    ]


def test_cause_in_override_and_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    extends: {file: base.yaml, service: web}\n"
            "  database:\n    image: postgres:16\n"
        ),
        "base.yaml": "services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n",
        "compose.prod.yaml": "services:\n  web:\n    depends_on: [cache]\n",
    }
    assert lines(tmp_path, files, select=("CC201",)) == [
        'base.yaml:4:18: CC201 error service "web" refers to undefined service "db" in '
        "depends_on [default, prod]",
        'compose.prod.yaml:3:18: CC201 error service "web" refers to undefined service '
        '"cache" in depends_on [prod]',
    ]


def test_no_finding_when_defined(tmp_path: Path) -> None:
    fixed = BASE.replace("databse", "database")
    assert lines(tmp_path, {"compose.yaml": fixed}, select=("CC201",)) == []


def test_cause_in_an_included_file(tmp_path: Path) -> None:
    files = {
        "compose.yaml": "include: [db/compose.yaml]\nservices:\n  web:\n    image: nginx:1.27\n",
        "db/compose.yaml": ("services:\n  db:\n    image: postgres:16\n    depends_on: [backup]\n"),
    }
    assert lines(tmp_path, files, select=("CC201",)) == [
        'db/compose.yaml:4:18: CC201 error service "db" refers to undefined service "backup" '
        "in depends_on [default]"
    ]


def test_optional_dependency_on_a_missing_service(tmp_path: Path) -> None:
    # Compose refuses it: `required: false` spares a service the profiles leave out,
    # not one that is not defined at all.
    files = {
        "compose.yaml": (
            "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n"
            "      metrics: {condition: service_started, required: false}\n"
            "      debug: {condition: service_started, required: false}\n"
            "  debug:\n    image: busybox:1.36\n    profiles: [debug]\n"
        )
    }
    assert lines(tmp_path, files, select=("CC201", "CC204")) == [
        'compose.yaml:5:7: CC201 error service "web" refers to undefined service "metrics" '
        "in depends_on [default]"
    ]
