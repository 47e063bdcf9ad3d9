"""CC205 undefined-network."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_undeclared_networks_with_did_you_mean(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx\n"
            "    networks: [default, frontnd]\n"
            "  api:\n"
            "    image: example/api\n"
            "    networks:\n"
            "      backend:\n"
            "        aliases: [api]\n"
            "  tools:\n"
            "    image: example/tools\n"
            "    profiles: [debug]\n"
            "    networks: [frontend, admin]\n"
            "networks:\n"
            "  frontend:\n"
        )
    }
    assert lines(tmp_path, files, select=("CC205",)) == [
        'compose.yaml:4:25: CC205 error service "web" joins undefined network "frontnd" [default]',
        'compose.yaml:8:7: CC205 error service "api" joins undefined network "backend" [default]',
        'compose.yaml:13:26: CC205 error service "tools" joins undefined network "admin" [default]',
    ]
    hints = [f.hint for f in validate(tmp_path, files, select=("CC205",))]
    assert hints[0].startswith("did you mean 'frontend'? Otherwise declare it under top-level")
    assert hints[1] == (
        "declare it under top-level `networks:` (`backend:`, or `external: true` for one "
        "created outside this stack)"
    )


def test_default_needs_no_declaration(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx\n"
            "    networks: [default, frontend]\n"
            "networks:\n"
            "  frontend:\n"
        )
    }
    assert lines(tmp_path, files, select=("CC205",)) == []


def test_network_added_in_an_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    image: nginx\n    networks: [frontend]\n"
            "  api:\n    image: x\n    networks: [backend]\n"
            "networks:\n  frontend:\n"
        ),
        "compose.prod.yaml": "services:\n  web:\n    networks: [proxy]\n",
    }
    assert lines(tmp_path, files, select=("CC205",)) == [
        'compose.prod.yaml:3:16: CC205 error service "web" joins undefined network "proxy" [prod]',
        'compose.yaml:7:16: CC205 error service "api" joins undefined network "backend" '
        "[default, prod]",
    ]


def test_network_named_in_an_extends_source(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: app\n"
            "networks:\n"
            "  backend:\n"
        ),
        "common.yaml": (
            "services:\n  app:\n    image: nginx\n    networks:\n      - backnd\n"
            "networks:\n  backnd:\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC205",)) == [
        'common.yaml:5:9: CC205 error service "web" joins undefined network "backnd" [default]',
    ]


def test_network_name_from_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "PROXY_NETWORK=traefik\n",
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx\n"
            '    networks: ["${PROXY_NETWORK:-proxy}"]\n'
            "networks:\n"
            "  proxy:\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC205",)) == [
        '.env:1:1: CC205 error service "web" joins undefined network "traefik" [default]',
    ]
    [finding] = validate(tmp_path, files, select=("CC205",))
    assert [(Path(r.file).name, r.line) for r in finding.related] == [("compose.yaml", 4)]
