"""CC204 inactive-dependency."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate

STACK = (
    "services:\n"
    "  web:\n"
    "    image: example/web\n"
    "    depends_on:\n"
    "      mail:\n"
    "        condition: service_started\n"
    "      metrics:\n"
    "        condition: service_started\n"
    "        required: false\n"
    "    links: [debugger]\n"
    "  mail:\n"
    "    image: example/mail\n"
    "    profiles: [debug, mail]\n"
    "  metrics:\n"
    "    image: example/metrics\n"
    "    profiles: [debug]\n"
    "  debugger:\n"
    "    image: example/debugger\n"
    "    profiles: [debug]\n"
)


def test_required_dependencies_left_out(tmp_path: Path) -> None:
    assert lines(tmp_path, {"compose.yaml": STACK}, select=("CC204",)) == [
        'compose.yaml:5:7: CC204 error service "web" depends on "mail", which the active '
        'profiles leave out (it needs one of the profiles "debug", "mail"; active profiles: '
        "none) [default]",
        'compose.yaml:10:13: CC204 error service "web" depends on "debugger", which the active '
        'profiles leave out (it needs profile "debug"; active profiles: none) [default]',
    ]
    findings = validate(tmp_path, {"compose.yaml": STACK}, select=("CC204",))
    assert [(r.line, r.column) for r in findings[0].related] == [(13, 15)]
    assert findings[0].hint == (
        "activate it (--profile debug or COMPOSE_PROFILES=debug), drop the profiles of "
        '"mail", or make the dependency optional with `required: false`'
    )


def test_profile_activated_in_dotenv(tmp_path: Path) -> None:
    files = {"compose.yaml": STACK, ".env": "COMPOSE_PROFILES=debug\n"}
    assert lines(tmp_path, files, select=("CC204",)) == []


def test_other_profile_active(tmp_path: Path) -> None:
    files = {"compose.yaml": STACK, ".env": "COMPOSE_PROFILES=mail\n"}
    assert lines(tmp_path, files, select=("CC204",)) == [
        'compose.yaml:10:13: CC204 error service "web" depends on "debugger", which the active '
        'profiles leave out (it needs profile "debug"; active profiles: "mail") [default]',
    ]


def test_override_moves_the_dependency_behind_a_profile(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: example/web\n"
            "    depends_on: [db]\n"
            "  db:\n"
            "    image: postgres:16\n"
        ),
        "compose.prod.yaml": "services:\n  db:\n    profiles: [local-db]\n",
    }
    assert lines(tmp_path, files, select=("CC204",)) == [
        'compose.yaml:4:18: CC204 error service "web" depends on "db", which the active '
        'profiles leave out (it needs profile "local-db"; active profiles: none) [prod]',
    ]
    [finding] = validate(tmp_path, files, select=("CC204",))
    assert [(Path(r.file).name, r.line) for r in finding.related] == [("compose.prod.yaml", 3)]


def test_dependency_from_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: app\n"
            "  db:\n"
            "    image: postgres:16\n"
            "    profiles: [db]\n"
        ),
        "common.yaml": "services:\n  app:\n    image: example/web\n    depends_on: [db]\n",
    }
    assert lines(tmp_path, files, select=("CC204",)) == [
        'common.yaml:4:18: CC204 error service "web" depends on "db", which the active '
        'profiles leave out (it needs profile "db"; active profiles: none) [default]',
    ]


def test_disabled_services_may_depend_on_each_other(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: example/web\n"
            "  tools:\n"
            "    image: example/tools\n"
            "    profiles: [debug]\n"
            "    depends_on: [mail]\n"
            "  mail:\n"
            "    image: example/mail\n"
            "    profiles: [debug]\n"
        )
    }
    assert lines(tmp_path, files, select=("CC204",)) == []
