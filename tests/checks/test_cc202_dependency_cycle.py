"""CC202 dependency-cycle."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_each_cycle_once_from_its_smallest_service(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  c:\n"
            "    image: x\n"
            "    depends_on: [a]\n"
            "  a:\n"
            "    image: x\n"
            "    depends_on: [b]\n"
            "  b:\n"
            "    image: x\n"
            "    depends_on: [c]\n"
            "  solo:\n"
            "    image: x\n"
            "    depends_on: [solo]\n"
        )
    }
    assert lines(tmp_path, files, select=("CC202",)) == [
        "compose.yaml:4:18: CC202 error dependency cycle: a -> b -> c -> a [default]",
        "compose.yaml:13:18: CC202 error dependency cycle: solo -> solo [default]",
    ]


def test_the_other_links_of_the_cycle_are_related(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: x\n"
            "    links: [db]\n"
            "  db:\n"
            "    image: x\n"
            "    depends_on:\n"
            "      web:\n"
            "        condition: service_started\n"
        )
    }
    [finding] = validate(tmp_path, files, select=("CC202",))
    assert (finding.line, finding.column, finding.service) == (4, 13, "web")
    assert finding.message == "dependency cycle: db -> web -> db"
    assert finding.hint.startswith('"web" links to "db", which closes the cycle')
    assert [(r.line, r.column, r.message) for r in finding.related] == [
        (8, 7, '"db" depends on "web"')
    ]


def test_two_cycles_sharing_a_service(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  a:\n"
            "    image: x\n"
            "    depends_on: [b, c]\n"
            "  b:\n"
            "    image: x\n"
            "    depends_on: [a]\n"
            "  c:\n"
            "    image: x\n"
            "    volumes_from: [a]\n"
        )
    }
    assert lines(tmp_path, files, select=("CC202",)) == [
        "compose.yaml:7:18: CC202 error dependency cycle: a -> b -> a [default]",
        "compose.yaml:10:20: CC202 error dependency cycle: a -> c -> a [default]",
    ]


def test_cycle_closed_in_an_override_file(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  api:\n    image: x\n    depends_on: [worker]\n  worker:\n    image: x\n"
        ),
        "compose.prod.yaml": ("services:\n  worker:\n    depends_on: [api]\n"),
    }
    assert lines(tmp_path, files, select=("CC202",)) == [
        "compose.prod.yaml:3:18: CC202 error dependency cycle: api -> worker -> api [prod]",
    ]


def test_cycle_written_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    extends:\n"
            "      file: base.yaml\n"
            "      service: app\n"
            "    image: x\n"
            "  worker:\n"
            "    image: x\n"
            "    depends_on: [api]\n"
        ),
        "base.yaml": ("services:\n  app:\n    image: x\n    depends_on: [worker]\n"),
    }
    assert lines(tmp_path, files, select=("CC202",)) == [
        "compose.yaml:9:18: CC202 error dependency cycle: api -> worker -> api [default]",
    ]
    [finding] = validate(tmp_path, files, select=("CC202",))
    assert [(Path(r.file).name, r.line, r.column) for r in finding.related] == [
        ("base.yaml", 4, 18)
    ]


def test_cycle_through_a_service_the_profiles_leave_out(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  app:\n"
            "    image: x\n"
            "    profiles: [debug]\n"
            "    depends_on: [tools]\n"
            "  tools:\n"
            "    image: x\n"
            "    profiles: [debug]\n"
            "    network_mode: service:app\n"
        )
    }
    assert lines(tmp_path, files, select=("CC202",)) == [
        "compose.yaml:9:19: CC202 error dependency cycle: app -> tools -> app [default]",
    ]


def test_no_cycle_in_a_diamond(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: x\n"
            "    depends_on: [api, auth]\n"
            "  api:\n"
            "    image: x\n"
            "    depends_on: [db]\n"
            "  auth:\n"
            "    image: x\n"
            "    links: [db]\n"
            "  db:\n"
            "    image: x\n"
            "    depends_on: [ghost]\n"
        )
    }
    assert lines(tmp_path, files, select=("CC202",)) == []


def test_cycle_through_a_dependency_named_in_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "BACKEND=api\n",
        "compose.yaml": (
            "services:\n"
            "  api:\n"
            "    image: x\n"
            "    depends_on: [proxy]\n"
            "  proxy:\n"
            "    image: x\n"
            '    depends_on: ["${BACKEND:-app}"]\n'
            "  app:\n"
            "    image: x\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC202",)) == [
        # BACKEND's whole value is written in .env: the finding is there.
        ".env:1:1: CC202 error dependency cycle: api -> proxy -> api [default]",
    ]
    [finding] = validate(tmp_path, files, select=("CC202",))
    assert [(Path(r.file).name, r.line) for r in finding.related] == [
        ("compose.yaml", 7),
        ("compose.yaml", 4),
    ]


def test_many_dependencies_and_no_cycle_stay_cheap(tmp_path: Path) -> None:
    # Every path of this DAG is a candidate for a naive search: 2**29 of them.
    names = [f"s{i:02d}" for i in range(30)]
    text = "services:\n" + "".join(
        f"  {name}:\n    image: x\n    depends_on: [{', '.join(names[i + 1 :])}]\n"
        for i, name in enumerate(names)
    )
    text = text.replace("    depends_on: []\n", "")
    assert lines(tmp_path, {"compose.yaml": text}, select=("CC202",)) == []


def test_each_edge_named_by_the_attribute_that_made_it(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  a:\n"
            "    image: x\n"
            "    volumes_from: [b]\n"
            "  b:\n"
            "    image: x\n"
            "    network_mode: service:c\n"
            "  c:\n"
            "    image: x\n"
            "    depends_on: [a]\n"
        )
    }
    [finding] = validate(tmp_path, files, select=("CC202",))
    assert (finding.line, finding.column, finding.service) == (10, 18, "c")
    assert finding.message == "dependency cycle: a -> b -> c -> a"
    assert finding.hint == (
        '"c" depends on "a", which closes the cycle; break it by removing one of these '
        "dependencies (a service that only needs another's address reaches it by name "
        "without depends_on)"
    )
    assert [(r.line, r.column, r.message) for r in finding.related] == [
        (4, 20, '"a" mounts volumes_from "b"'),
        (7, 19, '"b" shares the network_mode of "c"'),
    ]
