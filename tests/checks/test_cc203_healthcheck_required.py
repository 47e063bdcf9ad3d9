"""CC203 healthcheck-required."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

WEB = (
    "services:\n"
    "  web:\n"
    "    image: example/web\n"
    "    depends_on:\n"
    "      db:\n"
    "        condition: service_healthy\n"
)


def test_no_healthcheck_and_disabled_ones(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: example/web\n"
            "    depends_on:\n"
            "      db:\n"
            "        condition: service_healthy\n"
            "      cache:\n"
            "        condition: service_healthy\n"
            "      queue:\n"
            "        condition: service_healthy\n"
            "      search:\n"
            "        condition: service_started\n"
            "  db:\n"
            "    image: postgres:16\n"
            "  cache:\n"
            "    image: redis:7\n"
            "    healthcheck:\n"
            "      disable: true\n"
            "  queue:\n"
            "    build: .\n"
            "    healthcheck:\n"
            '      test: ["NONE"]\n'
            "  search:\n"
            "    image: example/search\n"
        ),
        "Dockerfile": "FROM scratch\n",
    }
    assert lines(tmp_path, files, select=("CC203",)) == [
        'compose.yaml:6:20: CC203 error service "web" waits for "db" to be healthy, but "db" '
        "has no healthcheck [default]",
        'compose.yaml:8:20: CC203 error service "web" waits for "cache" to be healthy, but '
        '"cache" has its healthcheck disabled [default]',
        'compose.yaml:10:20: CC203 error service "web" waits for "queue" to be healthy, but '
        '"queue" has its healthcheck disabled [default]',
    ]
    findings = {f.message.split('"')[3]: f for f in validate(tmp_path, files, select=("CC203",))}
    assert "image postgres:16 declares a HEALTHCHECK" in findings["db"].hint
    assert [(r.line, r.column) for r in findings["cache"].related] == [(18, 7)]
    assert [(r.line, r.column) for r in findings["queue"].related] == [(22, 13)]


def test_healthcheck_that_only_tunes_timings_counts(tmp_path: Path) -> None:
    files = {
        "compose.yaml": WEB
        + "  db:\n    image: postgres:16\n    healthcheck:\n      interval: 5s\n"
    }
    assert lines(tmp_path, files, select=("CC203",)) == []


def test_override_disables_the_healthcheck(tmp_path: Path) -> None:
    files = {
        "compose.yaml": WEB
        + "  db:\n    image: postgres:16\n    healthcheck:\n      test: pg_isready\n",
        "compose.prod.yaml": "services:\n  db:\n    healthcheck:\n      disable: true\n",
    }
    assert lines(tmp_path, files, select=("CC203",)) == [
        'compose.yaml:6:20: CC203 error service "web" waits for "db" to be healthy, but "db" '
        "has its healthcheck disabled [prod]",
    ]


def test_condition_written_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: app\n"
            "  db:\n"
            "    image: postgres:16\n"
        ),
        "common.yaml": (
            "services:\n"
            "  app:\n"
            "    image: example/web\n"
            "    depends_on:\n"
            "      db:\n"
            "        condition: service_healthy\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC203",)) == [
        'common.yaml:6:20: CC203 error service "web" waits for "db" to be healthy, but "db" '
        "has no healthcheck [default]",
    ]


def test_condition_from_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "DB_CONDITION=service_healthy\n",
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: example/web\n"
            "    depends_on:\n"
            "      db:\n"
            "        condition: ${DB_CONDITION:-service_started}\n"
            "  db:\n"
            "    image: postgres:16\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC203",)) == [
        '.env:1:1: CC203 error service "web" waits for "db" to be healthy, but "db" '
        "has no healthcheck [default]",
    ]
    [finding] = validate(tmp_path, files, select=("CC203",))
    assert [(Path(r.file).name, r.line) for r in finding.related] == [("compose.yaml", 6)]


def test_healthy_dependency_with_a_healthcheck(tmp_path: Path) -> None:
    files = {
        "compose.yaml": WEB + "  db:\n    image: postgres:16\n    healthcheck:\n"
        '      test: ["CMD", "pg_isready"]\n'
    }
    assert lines(tmp_path, files, select=("CC203",)) == []
