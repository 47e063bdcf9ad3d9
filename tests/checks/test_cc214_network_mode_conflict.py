"""CC214 network-mode-conflict."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines


def test_network_mode_with_networks_and_ports(tmp_path: Path) -> None:
    compose = """\
services:
  exporter:
    image: prom/node-exporter:v1.8.2
    network_mode: host
    ports: ["9100:9100", "9200-9201:9200-9201"]
  vpn:
    image: qmcgaw/gluetun:v3.39.1
    ports: ["8080:8080"]
  torrent:
    image: linuxserver/qbittorrent:4.6.7
    network_mode: service:vpn
    ports: ["8081:8081"]
  proxy:
    image: nginx:1.27.2
    network_mode: bridge
    networks: [front]
networks:
  front: {}
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC214",)) == [
        'compose.yaml:5:13: CC214 error service "exporter" publishes port 9100:9100 with '
        'network_mode "host": Docker discards it, as the container listens on the host '
        "directly [default]",
        'compose.yaml:5:26: CC214 error service "exporter" publishes port 9200:9200 to '
        '9201:9201 with network_mode "host": Docker discards it, as the container listens on '
        "the host directly [default]",
        'compose.yaml:12:13: CC214 error service "torrent" publishes port 8081:8081 with '
        'network_mode "service:vpn": Docker refuses to publish ports on a network namespace '
        "it shares [default]",
        'compose.yaml:16:5: CC214 error service "proxy" sets network_mode "bridge" and also '
        "joins networks (front); Compose refuses the two together [default]",
    ]


def test_network_mode_alone_passes(tmp_path: Path) -> None:
    compose = """\
services:
  exporter:
    image: prom/node-exporter:v1.8.2
    network_mode: host
  vpn:
    image: qmcgaw/gluetun:v3.39.1
    ports: ["8081:8081"]
  torrent:
    image: linuxserver/qbittorrent:4.6.7
    network_mode: service:vpn
  web:
    image: nginx:1.27.2
    ports: ["80:80"]
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC214",)) == []


def test_conflict_from_override_extends_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "EXPORTER_MODE=host\n",
        "compose.yaml": """\
services:
  exporter:
    image: prom/node-exporter:v1.8.2
    network_mode: ${EXPORTER_MODE}
  web:
    extends:
      file: base.yaml
      service: http
""",
        "base.yaml": """\
services:
  http:
    image: nginx:1.27.2
    network_mode: host
    ports: ["80:80"]
""",
        "compose.prod.yaml": """\
services:
  exporter:
    ports: ["9100:9100"]
""",
    }
    assert lines(tmp_path, files, select=("CC214",)) == [
        'base.yaml:5:13: CC214 error service "web" publishes port 80:80 with network_mode '
        '"host": Docker discards it, as the container listens on the host directly '
        "[default, prod]",
        'compose.prod.yaml:3:13: CC214 error service "exporter" publishes port 9100:9100 with '
        'network_mode "host": Docker discards it, as the container listens on the host '
        "directly [prod]",
    ]
