"""CC213 host-port-conflict."""

from __future__ import annotations

from pathlib import Path

from tests.checks.helpers import lines, validate


def test_same_port_on_the_host(tmp_path: Path) -> None:
    compose = """\
services:
  web:
    image: nginx:1.27.2
    ports: ["8080:80", "127.0.0.1:9000-9002:9000-9002"]
  admin:
    image: adminer:4.8.1
    ports: ["0.0.0.0:8080:8080", "127.0.0.1:9001:9001"]
  dns:
    image: coredns/coredns:1.11.3
    ports: ["53:53/udp", "8080:8081"]
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC213",)) == [
        "compose.yaml:7:13: CC213 error host port 8080/tcp is published twice: by service "
        '"admin" (0.0.0.0:8080/tcp) and by service "web" (8080/tcp) [default]',
        "compose.yaml:7:34: CC213 error host port 9001/tcp is published twice: by service "
        '"admin" (127.0.0.1:9001/tcp) and by service "web" (127.0.0.1:9001/tcp) [default]',
        "compose.yaml:10:26: CC213 error host port 8080/tcp is published twice: by service "
        '"dns" (8080/tcp) and by service "web" (8080/tcp) [default]',
    ]
    found = validate(tmp_path, {"compose.yaml": compose}, select=("CC213",))
    assert [(r.line, r.column, r.message) for r in found[0].related] == [
        (4, 13, 'service "web" publishes 8080/tcp here')
    ]


def test_protocols_addresses_and_modes_that_do_not_collide(tmp_path: Path) -> None:
    compose = """\
services:
  dns-tcp:
    image: coredns/coredns:1.11.3
    ports: ["53:53/tcp"]
  dns-udp:
    image: coredns/coredns:1.11.3
    ports: ["53:53/udp"]
  internal:
    image: nginx:1.27.2
    ports: ["127.0.0.1:8080:80", "0.0.0.0:443:443", "[::]:443:443"]
  public:
    image: nginx:1.27.2
    ports: ["10.0.0.5:8080:80", "8080"]
  exporter:
    image: prom/node-exporter:v1.8.2
    network_mode: host
    ports: ["443:443"]
  debug:
    image: nginx:1.27.2
    ports: ["53:53/udp"]
    profiles: [debug]
"""
    assert lines(tmp_path, {"compose.yaml": compose}, select=("CC213",)) == []


def test_conflict_from_override_extends_and_dotenv(tmp_path: Path) -> None:
    files = {
        ".env": "ADMIN_PORT=8000\n",
        "compose.yaml": """\
services:
  web:
    extends:
      file: base.yaml
      service: http
  admin:
    image: adminer:4.8.1
    ports: ["${ADMIN_PORT}:8080"]
""",
        "base.yaml": """\
services:
  http:
    image: nginx:1.27.2
    ports: ["8000-8010:80"]
""",
        "compose.prod.yaml": """\
services:
  metrics:
    image: prom/prometheus:v2.54.1
    ports: ["8005:9090"]
""",
    }
    assert lines(tmp_path, files, select=("CC213",)) == [
        "compose.prod.yaml:4:13: CC213 error host port 8005/tcp is published twice: by "
        'service "metrics" (8005/tcp) and by service "web" (8000-8010/tcp) [prod]',
        "compose.yaml:8:13: CC213 error host port 8000/tcp is published twice: by service "
        '"admin" (8000/tcp) and by service "web" (8000-8010/tcp) [default, prod]',
    ]
    found = validate(tmp_path, files, select=("CC213",), environments=("default",))
    # The port comes from .env; the other publisher is in the extends source.
    assert [(r.file.rsplit("/", 1)[-1], r.line, r.message) for r in found[0].related] == [
        (".env", 1, "the value comes from here"),
        ("base.yaml", 4, 'service "web" publishes 8000-8010/tcp here'),
    ]
