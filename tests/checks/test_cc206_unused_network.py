"""CC206 unused-network."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_unused_networks(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx\n"
            "    networks: [frontend, backnd]\n"
            "  tools:\n"
            "    image: example/tools\n"
            "    profiles: [debug]\n"
            "    networks: [admin]\n"
            "networks:\n"
            "  default:\n"
            "    name: shared\n"
            "  frontend:\n"
            "  backend:\n"
            "  admin:\n"
            "  legacy:\n"
            "    external: true\n"
        )
    }
    assert lines(tmp_path, files, select=("CC206",)) == [
        'compose.yaml:13:3: CC206 warning network "backend" is declared but no service joins '
        "it [default]",
        'compose.yaml:15:3: CC206 warning network "legacy" is declared but no service joins '
        "it [default]",
    ]
    hints = [f.hint for f in validate(tmp_path, files, select=("CC206",))]
    assert hints == [
        "a service joins 'backnd', which is not declared: did you mean 'backend' there? "
        "Otherwise remove this declaration",
        "remove the declaration, or add 'legacy' to the `networks` of the services that need it",
    ]


def test_network_left_behind_by_an_override(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n  web:\n    image: nginx\n    networks: [frontend]\n"
            "networks:\n  frontend:\n"
        ),
        "compose.prod.yaml": (
            "services:\n  web:\n    networks: !override [proxy]\nnetworks:\n  proxy:\n"
            "    external: true\n"
        ),
    }
    assert lines(tmp_path, files, select=("CC206",)) == [
        'compose.yaml:6:3: CC206 warning network "frontend" is declared but no service joins '
        "it [prod]",
    ]


def test_every_network_used(tmp_path: Path) -> None:
    files = {
        "compose.yaml": (
            "services:\n"
            "  web:\n"
            "    image: nginx\n"
            "    networks: [frontend]\n"
            "  api:\n"
            "    extends:\n"
            "      file: common.yaml\n"
            "      service: app\n"
            "networks:\n"
            "  frontend:\n"
            "  backend:\n"
        ),
        "common.yaml": "services:\n  app:\n    image: x\n    networks: [backend]\n",
    }
    assert lines(tmp_path, files, select=("CC206",)) == []
